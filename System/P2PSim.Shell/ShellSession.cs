using Microsoft.Extensions.Logging;
using P2PSim.Peer;
using P2PSim.Peer.Downloads;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.Shell;

/// <summary>
/// Runs parsed commands and keeps the console's state: the one user this shell has connected and the file server
/// it runs for that user. Returns the lines to print; the caller owns the console. Failures never escape a
/// command: they print the command's FAIL line and the reason goes to the log.
/// </summary>
internal sealed class ShellSession : IAsyncDisposable
{
    private readonly ClassicShellOptions _options;
    private readonly ITransport _transport;
    private readonly DirectoryClient _directory;
    private readonly FileDownloader _downloader;
    private readonly MultiFileDownload _multiFile;
    private readonly ILogger _logger;
    private string? _user;
    private RunningServer<FileServer>? _fileServer;

    public ShellSession(ClassicShellOptions options, ITransport transport, ILogger logger)
    {
        _options = options;
        _transport = transport;
        _logger = logger;
        _directory = new DirectoryClient(
            transport, options.Server, options.Timestamps, options.DirectoryTimeout, logger, options.TimeProvider)
        {
            UseSessions = options.UseSessions,
        };
        _downloader = new FileDownloader(transport, options.TransferIdleTimeout, logger, options.TimeProvider);
        _multiFile = new MultiFileDownload(_directory, transport, options.MultiSource, logger);
    }

    /// <summary>The user this shell has connected, if any.</summary>
    public string? ConnectedUser => _user;

    /// <summary>Where this shell's file server listens while a user is connected.</summary>
    public TransportEndPoint? FileServerEndPoint => _fileServer?.EndPoint;

    public async Task<IReadOnlyList<string>> ExecuteAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return command.Verb switch
            {
                ShellVerb.Register => [await CodeLineAsync(command, _directory.RegisterAsync(command[0], cancellationToken))],
                ShellVerb.Unregister => [await UnregisterAsync(command[0], cancellationToken)],
                ShellVerb.Connect => [await ConnectAsync(command[0], cancellationToken)],
                ShellVerb.Disconnect => [await DisconnectAsync(command[0], cancellationToken)],
                ShellVerb.Publish => [await AsMeAsync(command, me => _directory.PublishAsync(me, command[0], command[1], cancellationToken))],
                ShellVerb.Delete => [await AsMeAsync(command, me => _directory.DeleteAsync(me, command[0], cancellationToken))],
                ShellVerb.ListUsers => await ListUsersAsync(command, cancellationToken),
                ShellVerb.ListContent => await ListContentAsync(command, cancellationToken),
                ShellVerb.GetFile => [await GetFileAsync(command, cancellationToken)],
                ShellVerb.GetMultiFile => await GetMultiFileAsync(command, cancellationToken),
                ShellVerb.Search => await SearchAsync(command, cancellationToken),
                ShellVerb.Account => [await CreateAccountAsync(command, cancellationToken)],
                ShellVerb.Login => [ShellMessages.For(command.Verb, (int)await _directory.LoginAsync(command[0], command[1], cancellationToken))],
                ShellVerb.Quit => await QuitAsync(cancellationToken),
                _ => [ShellMessages.Fail(command.Verb)],
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is DirectoryUnavailableException or TransferFailedException or ProtocolException
                                      or IOException or UnauthorizedAccessException or NotSupportedException
                                      or ArgumentException) // a field the wire cannot carry: a password too long, a lone surrogate
        {
            Log.CommandFailed(_logger, Describe(command), e.Message);
            return [ShellMessages.Fail(command.Verb)];
        }
        catch (Exception e)
        {
            // Whatever went wrong, the console stays up: a bug in one command must not end the session.
            Log.CommandCrashed(_logger, e, Describe(command));
            return [ShellMessages.Fail(command.Verb)];
        }
    }

    /// <summary>Ends the session as QUIT does, without printing: used when input stops or the host is cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_user is { } user)
        {
            try
            {
                // The caller's token may already be cancelled; the client's own timeout bounds this.
                await _directory.DisconnectAsync(user, CancellationToken.None);
            }
            catch (Exception e) when (e is DirectoryUnavailableException or ProtocolException)
            {
                Log.CommandFailed(_logger, $"DISCONNECT {user}", e.Message);
            }
        }

        await StopFileServerAsync();
        await _directory.DisposeAsync();
    }

    private async Task<string> UnregisterAsync(string user, CancellationToken cancellationToken)
    {
        var reply = await _directory.UnregisterAsync(user, cancellationToken);
        if (reply.IsOk && user == _user)
        {
            await StopFileServerAsync(); // the user is gone, and with it the reason to serve files
        }

        return ShellMessages.For(ShellVerb.Unregister, reply.Code);
    }

    private async Task<string> ConnectAsync(string user, CancellationToken cancellationToken)
    {
        if (_user is { } current)
        {
            Log.CommandDetail(_logger, $"CONNECT {user}", $"this shell is already connected as {current}; DISCONNECT first");
            return current == user ? ShellMessages.For(ShellVerb.Connect, 2) : ShellMessages.Fail(ShellVerb.Connect);
        }

        if (!Directory.Exists(_options.ShareDirectory))
        {
            Log.ShareFolderMissing(_logger, Path.GetFullPath(_options.ShareDirectory));
        }

        var fileServerOptions = new FileServerOptions(_options.ShareDirectory)
        {
            ResultEncoding = _options.FileServerEncoding,
            IdleTimeout = _options.TransferIdleTimeout,
            TimeProvider = _options.TimeProvider,
        };
        fileServerOptions = _options.ConfigureFileServer?.Invoke(fileServerOptions) ?? fileServerOptions;
        var server = await FileServerHost.StartAsync(
            _transport, new TransportEndPoint(_options.ListenHost, 0), fileServerOptions, _logger, cancellationToken);
        DirectoryReply reply;
        try
        {
            reply = await _directory.ConnectAsync(user, server.EndPoint.Port, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        if (reply.IsOk)
        {
            _user = user;
            _fileServer = server;
        }
        else
        {
            await server.DisposeAsync();
        }

        return ShellMessages.For(ShellVerb.Connect, reply.Code);
    }

    private async Task<string> DisconnectAsync(string user, CancellationToken cancellationToken)
    {
        var reply = await _directory.DisconnectAsync(user, cancellationToken);

        // 1 and 2 mean the directory no longer counts this user as connected either: stop serving all the same.
        if (user == _user && reply.Code is 0 or 1 or 2)
        {
            await StopFileServerAsync();
        }

        return ShellMessages.For(ShellVerb.Disconnect, reply.Code);
    }

    /// <summary>PUBLISH, DELETE: operations performed as this shell's connected user.</summary>
    private async Task<string> AsMeAsync(ShellCommand command, Func<string, Task<DirectoryReply>> operation)
    {
        if (_user is not { } me)
        {
            return NotConnected(command);
        }

        return ShellMessages.For(command.Verb, (await operation(me)).Code);
    }

    private async Task<IReadOnlyList<string>> ListUsersAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        if (_user is not { } me)
        {
            return [NotConnected(command)];
        }

        var reply = await _directory.ListUsersAsync(me, cancellationToken);
        return reply.IsOk
            ? [ShellMessages.For(ShellVerb.ListUsers, 0), .. (reply.Users ?? []).Select(ShellMessages.UserLine)]
            : [ShellMessages.For(ShellVerb.ListUsers, reply.Code)];
    }

    private async Task<IReadOnlyList<string>> ListContentAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        if (_user is not { } me)
        {
            return [NotConnected(command)];
        }

        var reply = await _directory.ListContentAsync(me, command[0], cancellationToken);
        return reply.IsOk
            ? [ShellMessages.For(ShellVerb.ListContent, 0), .. (reply.Files ?? []).Select(ShellMessages.ContentLine)]
            : [ShellMessages.For(ShellVerb.ListContent, reply.Code)];
    }

    /// <summary>GET_FILE u remote local: find u's address with LIST_USERS (as classic clients do), then download.</summary>
    private async Task<string> GetFileAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        var (owner, remote, local) = (command[0], command[1], command[2]);
        if (_user is not { } me)
        {
            Log.CommandFailed(_logger, Describe(command), "this shell has no connected user to ask the directory as; CONNECT first");
            return ShellMessages.Fail(ShellVerb.GetFile);
        }

        var users = await _directory.ListUsersAsync(me, cancellationToken);
        var peer = users.IsOk ? users.Users?.FirstOrDefault(u => u.Name == owner) : null;
        if (peer is null)
        {
            Log.CommandFailed(_logger, Describe(command), users.IsOk
                ? $"{owner} is not connected"
                : $"LIST_USERS answered {users.Code}");
            return ShellMessages.Fail(ShellVerb.GetFile);
        }

        var target = Path.Combine(_options.DownloadDirectory ?? _options.ShareDirectory, local);
        var result = await _downloader.DownloadAsync(new TransportEndPoint(peer.Ip, peer.Port), remote, target, cancellationToken);
        return ShellMessages.For(ShellVerb.GetFile, result.Code);
    }

    /// <summary>
    /// GET_MULTIFILE remote local (P2PSim extension): asks the directory which connected users publish the file
    /// (FIND_SOURCES), then downloads it from all of them at once, verified block by block (<see cref="MultiFileDownload"/>).
    /// </summary>
    private async Task<IReadOnlyList<string>> GetMultiFileAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        var (remote, local) = (command[0], command[1]);
        if (_user is not { } me)
        {
            Log.CommandFailed(_logger, Describe(command), "this shell has no connected user to ask the directory as; CONNECT first");
            return [ShellMessages.Fail(ShellVerb.GetMultiFile)];
        }

        var target = Path.Combine(_options.DownloadDirectory ?? _options.ShareDirectory, local);
        var outcome = await _multiFile.DownloadAsync(me, remote, target, _options.DownloadProgress?.Invoke(remote), cancellationToken: cancellationToken);
        switch (outcome.Status)
        {
            case MultiFileStatus.NotSupported:
                Log.CommandFailed(_logger, Describe(command), "the directory server knows neither FIND_SOURCES nor LIST_USERS (it answered -1 to both)");
                return [ShellMessages.Fail(ShellVerb.GetMultiFile)];
            case MultiFileStatus.Refused:
                Log.CommandFailed(_logger, Describe(command), $"{(outcome.ViaListContent ? "LIST_USERS" : "FIND_SOURCES")} answered {outcome.DirectoryCode}");
                return [ShellMessages.Fail(ShellVerb.GetMultiFile)];
            case MultiFileStatus.NoSources:
                Log.CommandFailed(_logger, Describe(command), $"no other connected user publishes {remote}");
                return [ShellMessages.For(ShellVerb.GetMultiFile, 1)];
        }

        return [ShellMessages.For(ShellVerb.GetMultiFile, 0), .. outcome.Result!.Sources.Select(ShellMessages.SourceLine)];
    }

    /// <summary>
    /// SEARCH text (P2PSim extension): files of connected users whose name or description contains the text, as many
    /// as the directory gives (it stops at <see cref="SearchRequest.ServerLimit"/>). Asked as this shell's connected
    /// user, like LIST_USERS.
    /// </summary>
    private async Task<IReadOnlyList<string>> SearchAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        if (_user is not { } me)
        {
            Log.CommandFailed(_logger, Describe(command), "this shell has no connected user to ask the directory as; CONNECT first");
            return [ShellMessages.Fail(ShellVerb.Search)];
        }

        var reply = await _directory.SearchAsync(me, command[0], SearchRequest.ServerLimit, cancellationToken);
        if (!reply.IsOk)
        {
            Log.CommandFailed(_logger, Describe(command), reply.Code == Protocol.Wire.ResultCode.UnknownOperation
                ? "the directory server does not know SEARCH (a classic server)"
                : $"SEARCH answered {reply.Code}");
            return [ShellMessages.Fail(ShellVerb.Search)];
        }

        return [ShellMessages.For(ShellVerb.Search, 0), .. (reply.Hits ?? []).Select(ShellMessages.HitLine)];
    }

    private async Task<IReadOnlyList<string>> QuitAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>(2);
        if (_user is { } user)
        {
            lines.Add(await ExecuteDisconnectLineAsync(user, cancellationToken));
        }

        await StopFileServerAsync();
        lines.Add(ShellMessages.Finished);
        return lines;
    }

    /// <summary>QUIT's DISCONNECT: its line is printed like a typed DISCONNECT, failures included.</summary>
    private async Task<string> ExecuteDisconnectLineAsync(string user, CancellationToken cancellationToken)
    {
        var lines = await ExecuteAsync(new ShellCommand(ShellVerb.Disconnect, [user]), cancellationToken);
        return lines[0];
    }

    private async Task StopFileServerAsync()
    {
        _user = null;
        if (_fileServer is { } server)
        {
            _fileServer = null;
            await server.DisposeAsync();
        }
    }

    private string NotConnected(ShellCommand command)
    {
        Log.CommandFailed(_logger, Describe(command), "this shell has no connected user; CONNECT first");
        return ShellMessages.For(command.Verb, 2);
    }

    private async Task<string> CodeLineAsync(ShellCommand command, Task<DirectoryReply> reply) =>
        ShellMessages.For(command.Verb, (await reply).Code);

    private async Task<string> CreateAccountAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        var result = await _directory.CreateAccountAsync(command[0], command[1], cancellationToken);
        if (result == AccountResult.Failed)
        {
            // The console line is the spec-style FAIL; the reason, for the user, goes to the log.
            Log.CommandFailed(
                _logger, Describe(command),
                "the server refused the account: a password is 8 to 256 bytes, and a session logged in already cannot make another (the server's log says which)");
        }

        return ShellMessages.For(command.Verb, (int)result);
    }

    /// <summary>The command for a log line; a password never reaches the log.</summary>
    private static string Describe(ShellCommand command) => command.Verb is ShellVerb.Account or ShellVerb.Login
        ? $"{ShellParser.Word(command.Verb)} {command[0]}"
        : string.Join(' ', [ShellParser.Word(command.Verb), .. command.Arguments]);
}
