namespace HealthHomes.Fhir.Conformance.Package;

/// <summary>A package file the server cannot use: startup stops with this message, which names the file and the fault.</summary>
public sealed class ConformancePackageException : Exception
{
    public ConformancePackageException()
    {
    }

    public ConformancePackageException(string message)
        : base(message)
    {
    }

    public ConformancePackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConformancePackageException(string file, string problem, Exception? innerException = null)
        : base($"Conformance package file {file}: {problem}", innerException)
    {
        File = file;
    }

    /// <summary>The file at fault.</summary>
    public string? File { get; }
}
