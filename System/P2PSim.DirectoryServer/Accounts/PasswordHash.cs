using System.Security.Cryptography;
using System.Text;

namespace P2PSim.DirectoryServer.Accounts;

/// <summary>
/// What the registry keeps of a password: a random salt and PBKDF2-HMAC-SHA256 of the password with it, never the
/// password itself. The iteration count travels with the hash, so raising the default later leaves existing
/// accounts verifiable.
/// </summary>
public sealed class PasswordHash
{
    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023).</summary>
    public const int RecommendedIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>PBKDF2 rounds this hash took.</summary>
    public int Iterations { get; }

    /// <summary>The salt, for tests that check it is random.</summary>
    internal ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The derived key, for the registry's journal, which stores the account as it is.</summary>
    internal ReadOnlySpan<byte> Hash => _hash;

    /// <summary>Hashes <paramref name="password"/> with a new random salt.</summary>
    public static PasswordHash Create(string password, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    /// <summary>
    /// A hash read back from the registry's journal or snapshot: the same iterations, salt and derived key that
    /// <see cref="Create"/> made, checked for the sizes it makes so a damaged record cannot yield an account whose
    /// every password fails in some other way.
    /// </summary>
    internal static PasswordHash FromStored(int iterations, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (salt.Length != SaltBytes)
        {
            throw new ArgumentException($"A salt has {SaltBytes} bytes, not {salt.Length}.", nameof(salt));
        }

        if (hash.Length != HashBytes)
        {
            throw new ArgumentException($"A hash has {HashBytes} bytes, not {hash.Length}.", nameof(hash));
        }

        return new PasswordHash(iterations, salt.ToArray(), hash.ToArray());
    }

    /// <summary>
    /// True when <paramref name="password"/> is the one hashed. The comparison takes the same time wherever the
    /// bytes differ, so its timing tells nothing about how close a guess was.
    /// </summary>
    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations), _hash);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
