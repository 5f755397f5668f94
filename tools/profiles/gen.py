import shutil, os, terminology, profiles
from common import OUT
if os.path.isdir(OUT):
    for f in os.listdir(OUT):
        if f.endswith(".json"): os.remove(os.path.join(OUT, f))
terminology.build(); profiles.build()
import operations; operations.build()
import examples; examples.build()
import scenarios; scenarios.build()
