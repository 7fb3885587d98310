using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Tests.Accounts;

public sealed class PasswordHashTests
{
    [Fact]
    public void Only_the_hashed_password_matches()
    {
        var hash = PasswordHash.Create("correct horse battery", 1_000);

        Assert.True(hash.Matches("correct horse battery"));
        Assert.False(hash.Matches("correct horse batterY"));
        Assert.False(hash.Matches(string.Empty));
        Assert.Equal(1_000, hash.Iterations);
    }

    [Fact]
    public void Each_hash_has_its_own_salt_so_equal_passwords_do_not_look_equal()
    {
        var first = PasswordHash.Create("same password", 1_000);
        var second = PasswordHash.Create("same password", 1_000);

        Assert.NotEqual(Convert.ToHexString(first.Salt), Convert.ToHexString(second.Salt));
        Assert.True(second.Matches("same password"));
    }

    [Fact]
    public void The_default_cost_is_the_OWASP_recommendation()
    {
        Assert.Equal(600_000, new AccountOptions().Iterations);
    }
}
