using System.Text;
using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;

namespace P2PSim.DirectoryServer.Accounts;

/// <summary>
/// ACCOUNT and LOGIN (docs/sessions.md §6), for sessions: creates password-protected users in the registry and
/// checks passwords, throttling guesses (<see cref="LoginThrottle"/>). Hashing is slow on purpose, so it runs at
/// most <see cref="AccountOptions.ConcurrentHashes"/> at a time: a burst of logins queues instead of taking every
/// thread of the server. An unknown user costs the same hash as a wrong password, so timing does not tell which
/// names are accounts. A new account is reported to the operation sink as the REGISTER it also is, so the console
/// and the log service see every user come into being.
/// </summary>
public sealed class AccountService
{
    private readonly IRegistryStore _registry;
    private readonly AccountOptions _options;
    private readonly ILogger _logger;
    private readonly IOperationSink? _sink;
    private readonly LoginThrottle _throttle;
    private readonly SemaphoreSlim _hashing;
    private PasswordHash? _decoy;

    /// <summary>Creates the service over <paramref name="registry"/>.</summary>
    public AccountService(IRegistryStore registry, AccountOptions options, TimeProvider clock, ILogger logger, IOperationSink? sink = null)
    {
        _sink = sink;
        _registry = registry;
        _options = options;
        _logger = logger;
        _throttle = new LoginThrottle(options, clock);
        _hashing = new SemaphoreSlim(options.ConcurrentHashes);
    }

    /// <summary>Failed-login records the throttle holds now (accounts and addresses).</summary>
    public int ThrottledKeys => _throttle.Tracked;

    /// <summary>ACCOUNT: registers <see cref="AccountRequest.User"/> with the password; on success the caller owns it.</summary>
    public async Task<(AccountResult Result, Caller Caller)> CreateAsync(AccountRequest request, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateOrThrowAsync(request, source, cancellationToken);
        }
        catch (RegistryUnavailableException e)
        {
            Log.AccountRefused(_logger, request.User, source, e.Message);
            return (AccountResult.Failed, Caller.Anonymous);
        }
    }

    /// <summary>LOGIN: checks the password; on success the caller owns the account.</summary>
    public async Task<(LoginResult Result, Caller Caller)> LoginAsync(AccountRequest request, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await LoginOrThrowAsync(request, source, cancellationToken);
        }
        catch (RegistryUnavailableException e)
        {
            Log.LoginUnavailable(_logger, request.User, source, e.Message);
            return (LoginResult.Failed, Caller.Anonymous);
        }
    }

    private async Task<(AccountResult Result, Caller Caller)> CreateOrThrowAsync(AccountRequest request, string source, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetByteCount(request.Password);
        if (bytes < _options.MinPasswordBytes)
        {
            Log.AccountRefused(_logger, request.User, source, $"the password is shorter than {_options.MinPasswordBytes} bytes");
            return (AccountResult.Failed, Caller.Anonymous);
        }

        if (await _registry.IsRegisteredAsync(request.User))
        {
            // CreateAccount checks again, atomically; this only saves a hash when the name is plainly taken.
            Log.AccountRefused(_logger, request.User, source, "the name is already registered");
            return (AccountResult.NameTaken, Caller.Anonymous);
        }

        var hash = await HashAsync(() => PasswordHash.Create(request.Password, _options.Iterations), cancellationToken);
        var (created, account) = await _registry.CreateAccountAsync(request.User, hash);
        if (created == RegistryStatus.Unavailable)
        {
            Log.AccountRefused(_logger, request.User, source, "the registry store is unavailable");
            return (AccountResult.Failed, Caller.Anonymous);
        }

        if (created != RegistryStatus.Ok)
        {
            Log.AccountRefused(_logger, request.User, source, "the name is already registered");
            return (AccountResult.NameTaken, Caller.Anonymous);
        }

        Log.AccountCreated(_logger, request.User, source);
        _sink?.OnOperation(new OperationRecord(Operation.Register, request.User, null, null, 0, source));
        return (AccountResult.Created, new Caller(request.User, account));
    }

    private async Task<(LoginResult Result, Caller Caller)> LoginOrThrowAsync(AccountRequest request, string source, CancellationToken cancellationToken)
    {
        var wait = _throttle.Wait(request.User, source);
        if (wait > TimeSpan.Zero)
        {
            Log.LoginThrottled(_logger, request.User, source, wait);
            return (LoginResult.Throttled, Caller.Anonymous);
        }

        var stored = await _registry.FindAccountAsync(request.User);
        var matches = await HashAsync(() => (stored?.Password ?? Decoy()).Matches(request.Password), cancellationToken);
        if (stored is null || !matches)
        {
            _throttle.Failed(request.User, source);
            Log.LoginFailed(_logger, request.User, source);
            return (LoginResult.Refused, Caller.Anonymous);
        }

        _throttle.Succeeded(request.User);
        Log.LoggedIn(_logger, request.User, source);
        return (LoginResult.LoggedIn, new Caller(request.User, stored.Number));
    }

    /// <summary>
    /// The hash an unknown name is checked against, made on first use (a server that never sees one never pays for
    /// it). Two first uses at once may both make one; either will do, so no lock.
    /// </summary>
    private PasswordHash Decoy()
    {
        if (Volatile.Read(ref _decoy) is { } decoy)
        {
            return decoy;
        }

        return Interlocked.CompareExchange(ref _decoy, PasswordHash.Create("no account has this password", _options.Iterations), null)
            ?? Volatile.Read(ref _decoy)!;
    }

    private async Task<T> HashAsync<T>(Func<T> hash, CancellationToken cancellationToken)
    {
        await _hashing.WaitAsync(cancellationToken);
        try
        {
            return hash();
        }
        finally
        {
            _hashing.Release();
        }
    }
}
