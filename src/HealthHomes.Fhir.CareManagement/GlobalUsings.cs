// Hl7.Fhir.Model has a Task resource; in code, Task means System.Threading.Tasks.Task.
global using Task = System.Threading.Tasks.Task;
