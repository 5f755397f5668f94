using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// The embedded authorization server's keys, created on first start in Security:KeyDirectory and read back afterwards,
/// so tokens survive a restart: an RSA key that signs access tokens (RS256, published at /.well-known/jwks) and an AES
/// key that encrypts authorization codes and refresh tokens. The files are readable by the server's user only.
/// </summary>
public sealed class AuthorizationKeys
{
    private AuthorizationKeys(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }

    public SymmetricSecurityKey Encryption { get; }

    public static AuthorizationKeys LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var signingPath = Path.Combine(directory, "signing-key.pem");
        var encryptionPath = Path.Combine(directory, "encryption-key.bin");
        var rsa = RSA.Create();
        if (File.Exists(signingPath))
        {
            rsa.ImportFromPem(File.ReadAllText(signingPath));
        }
        else
        {
            rsa.KeySize = 2048;
            WritePrivate(signingPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        byte[] aes;
        if (File.Exists(encryptionPath))
        {
            aes = File.ReadAllBytes(encryptionPath);
        }
        else
        {
            aes = RandomNumberGenerator.GetBytes(32);
            WritePrivate(encryptionPath, aes);
        }

        var signing = new RsaSecurityKey(rsa);
        signing.KeyId = Base64UrlEncoder.Encode(signing.ComputeJwkThumbprint());
        return new AuthorizationKeys(signing, new SymmetricSecurityKey(aes));
    }

    private static void WritePrivate(string path, string text) => WritePrivate(path, System.Text.Encoding.ASCII.GetBytes(text));

    private static void WritePrivate(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
