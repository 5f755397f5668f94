"""Profile of a member transaction's commit: WAL pages written per commit, and how many each index adds.

Replays 50 member transactions (15 resources each, rows copied from the newest members with fresh random ids) on a
copy of a database left by `--keep`, with the server's pragmas, once with every index and once with each named index
dropped. Usage: python3 bench/wal-pages-per-commit.py DB [INDEX ...]; CK=1000 sets wal_autocheckpoint (default 0:
no checkpoints, to count pages alone).
"""
import sqlite3, os, uuid, time, random, shutil, sys, statistics
src=sys.argv[1]; CK=int(os.environ.get('CK','0'))
def run(drop):
    db='/tmp/exp2.db'
    for s in ('','-wal','-shm'):
        if os.path.exists(db+s): os.remove(db+s)
    shutil.copy(src, db)
    c=sqlite3.connect(db, isolation_level=None)
    for d in drop: c.execute(f'drop index "{d}"')
    c.execute('pragma journal_mode=wal'); c.execute('pragma synchronous=NORMAL'); c.execute(f'pragma wal_autocheckpoint={CK}'); c.execute('pragma cache_size=-65536')
    tables=['TokenIndex','StringIndex','DateIndex','ReferenceIndex']
    cols={t:[r[1] for r in c.execute(f'pragma table_info({t})') if r[1] not in ('Id',)] for t in tables}
    maxkey=c.execute('select max(ResourceKey) from Resource').fetchone()[0]
    wal=lambda: os.path.getsize(db+'-wal') if os.path.exists(db+'-wal') else 0
    random.seed(5); frames=[]; ms=[]
    start=maxkey-3000
    for trial in range(60):
        keys=list(range(start+trial*15,start+trial*15+15))
        w0=wal(); c.execute('begin immediate'); idmap={}
        for k in keys:
            r=c.execute('select ResourceType,LogicalId,CurrentVersion,CurrentVersionKey,IsDeleted,LastUpdated from Resource where ResourceKey=?',(k,)).fetchone()
            nid=str(uuid.UUID(int=random.getrandbits(128))); idmap[r[1]]=nid
            nk=c.execute('insert into Resource(ResourceType,LogicalId,CurrentVersion,CurrentVersionKey,IsDeleted,LastUpdated) values(?,?,?,?,?,?)',(r[0],nid,r[2],r[3],r[4],r[5]+10**9)).lastrowid
            v=c.execute('select ResourceType,LogicalId,Version,LastUpdated,IsDeleted,Change,Json from ResourceVersion where ResourceKey=?',(k,)).fetchone()
            c.execute('insert into ResourceVersion(ResourceKey,ResourceType,LogicalId,Version,LastUpdated,IsDeleted,Change,Json) values(?,?,?,?,?,?,?,?)',(nk,v[0],nid,v[2],v[3]+10**9,v[4],v[5],v[6]))
            for t in tables:
                cl=cols[t]
                for row in c.execute(f'select {",".join(cl)} from {t} where ResourceKey=?',(k,)).fetchall():
                    row=list(row); row[cl.index('ResourceKey')]=nk
                    if t=='ReferenceIndex' and row[cl.index('TargetId')] in idmap: row[cl.index('TargetId')]=idmap[row[cl.index('TargetId')]]
                    c.execute(f'insert into {t}({",".join(cl)}) values({",".join("?"*len(cl))})',row)
        t1=time.perf_counter(); c.execute('commit'); ms.append(time.perf_counter()-t1)
        frames.append((wal()-w0)/4120)
    c.close()
    return statistics.median(frames[10:]), statistics.mean(ms[10:])*1000
base=run([])
print(f'all indexes: {base[0]:.0f} pages/commit, commit {base[1]:.2f} ms')
for idx in sys.argv[2:]:
    f,m=run([idx]); print(f'without {idx}: {f:.0f} pages ({base[0]-f:+.0f}), commit {m:.2f} ms')
