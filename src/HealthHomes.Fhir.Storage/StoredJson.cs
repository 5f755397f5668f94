namespace HealthHomes.Fhir.Storage;

/// <summary>
/// How deep the JSON the server writes and reads back itself may nest (objects and arrays, System.Text.Json's
/// MaxDepth). Request bodies are held to a lower limit (the server's RequestBodyScan.MaxDepth, 64), but one level of
/// XML can become two of JSON (a repeating element is an array and an object), and a search or transaction Bundle
/// adds three more around each resource: so stored JSON gets twice the request limit and room to spare. System.Text.Json's
/// default of 64 would make a resource accepted as XML unreadable once stored.
/// </summary>
public static class StoredJson
{
    public const int MaxDepth = 160;
}
