using System.Diagnostics;
using System.Globalization;
using P2PSim.DirectoryServer;
using P2PSim.Peer;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests;

/// <summary>
/// Many concurrent classic clients (one TCP connection per operation) hammer one server for a bounded time. Each
/// client owns some users, so it knows the exact code every one of its operations must get and checks it; all
/// clients also race on shared names. At the end the registry must be exactly what the acknowledgements imply.
/// Duration: P2PSIM_STRESS_SECONDS (default 30); clients: P2PSIM_STRESS_CLIENTS (default 200).
/// </summary>
public sealed class ConcurrentClientsStressTests(ITestOutputHelper output)
{
    private const int UsersPerClient = 3;
    private const int SharedNames = 8;
    private static readonly string[] FileNames = ["a.txt", "b.bin", "c.mp3"];

    [Fact]
    public async Task Registry_matches_what_was_acknowledged()
    {
        var seconds = Setting("P2PSIM_STRESS_SECONDS", 30);
        var clients = Setting("P2PSIM_STRESS_CLIENTS", 200);
        await using var server = await DirectoryServerHost.StartAsync(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0));
        var shared = new SharedLedger(SharedNames);
        var deadline = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);

        var workers = Enumerable.Range(0, clients)
            .Select(i => Task.Run(() => new Client(i, new DirectoryClient(TcpTransport.Instance, server.EndPoint), shared).RunAsync(deadline, duration)))
            .ToArray();
        var results = await Task.WhenAll(workers);

        var operations = results.Sum(r => r.Operations);
        output.WriteLine($"{clients} clients, {seconds} s: {operations} operations, {operations / deadline.Elapsed.TotalSeconds:F0} ops/s");
        Assert.Empty(results.SelectMany(r => r.Mismatches).Take(20));
        Assert.True(operations > clients, $"only {operations} operations completed");

        var snapshot = (await server.Registry.SnapshotAsync()).ToDictionary(u => u.Name);
        foreach (var result in results)
        {
            foreach (var (name, model) in result.Users)
            {
                if (!model.Registered)
                {
                    Assert.False(snapshot.ContainsKey(name), $"{name} was acknowledged as unregistered but is in the registry");
                    continue;
                }

                Assert.True(snapshot.TryGetValue(name, out var actual), $"{name} was acknowledged as registered but is missing");
                Assert.Equal(model.Connected, actual!.Connected);
                if (model.Connected)
                {
                    Assert.Equal(model.Port, actual.Port);
                }

                Assert.Equal(model.Files.OrderBy(f => f.Key).Select(f => new ContentEntry(f.Key, f.Value)), actual.Files.OrderBy(f => f.FileName));
            }
        }

        for (var j = 0; j < SharedNames; j++)
        {
            var net = shared.Registered[j] - shared.Unregistered[j];
            Assert.True(net is 0 or 1, $"shared{j}: {shared.Registered[j]} acknowledged REGISTERs vs {shared.Unregistered[j]} UNREGISTERs");
            Assert.Equal(net == 1, snapshot.ContainsKey(SharedLedger.Name(j)));
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>Acknowledged REGISTER/UNREGISTER counts of the names every client races on.</summary>
    private sealed class SharedLedger(int count)
    {
        public int[] Registered { get; } = new int[count];

        public int[] Unregistered { get; } = new int[count];

        public static string Name(int j) => $"shared{j}";
    }

    private sealed class UserModel
    {
        public bool Registered { get; set; }

        public bool Connected { get; set; }

        public int Port { get; set; }

        public Dictionary<string, string> Files { get; } = [];
    }

    private sealed record ClientResult(int Operations, List<string> Mismatches, Dictionary<string, UserModel> Users);

    /// <summary>One client: the only actor on its own users, so every expected code is known exactly.</summary>
    private sealed class Client(int id, DirectoryClient directory, SharedLedger shared)
    {
        private readonly Random _random = new(1000 + id);
        private readonly Dictionary<string, UserModel> _users =
            Enumerable.Range(0, UsersPerClient).ToDictionary(k => $"c{id}u{k}", _ => new UserModel());

        private readonly List<string> _mismatches = [];

        public async Task<ClientResult> RunAsync(Stopwatch clock, TimeSpan duration)
        {
            var operations = 0;
            while (clock.Elapsed < duration && _mismatches.Count < 5)
            {
                await StepAsync();
                operations++;
            }

            return new ClientResult(operations, _mismatches, _users);
        }

        private async Task StepAsync()
        {
            var names = _users.Keys.ToArray();
            var name = names[_random.Next(names.Length)];
            var user = _users[name];
            var file = FileNames[_random.Next(FileNames.Length)];
            switch (_random.Next(10))
            {
                case 0:
                {
                    var reply = await directory.RegisterAsync(name);
                    Expect("REGISTER", name, reply.Code, user.Registered ? 1 : 0);
                    user.Registered = true;
                    break;
                }

                case 1:
                {
                    var reply = await directory.UnregisterAsync(name);
                    Expect("UNREGISTER", name, reply.Code, user.Registered ? 0 : 1);
                    _users[name] = new UserModel();
                    break;
                }

                case 2:
                {
                    var port = 1024 + _random.Next(60000);
                    var reply = await directory.ConnectAsync(name, port);
                    Expect("CONNECT", name, reply.Code, !user.Registered ? 1 : user.Connected ? 2 : 0);
                    if (reply.Code == 0)
                    {
                        user.Connected = true;
                        user.Port = port;
                    }

                    break;
                }

                case 3:
                {
                    var reply = await directory.DisconnectAsync(name);
                    Expect("DISCONNECT", name, reply.Code, !user.Registered ? 1 : !user.Connected ? 2 : 0);
                    user.Connected = false;
                    break;
                }

                case 4:
                case 5:
                {
                    var description = $"file {file} of {name}";
                    var reply = await directory.PublishAsync(name, file, description);
                    Expect("PUBLISH", name, reply.Code, Gate(user) ?? (user.Files.ContainsKey(file) ? 3 : 0));
                    if (reply.Code == 0)
                    {
                        user.Files[file] = description;
                    }

                    break;
                }

                case 6:
                {
                    var reply = await directory.DeleteAsync(name, file);
                    Expect("DELETE", name, reply.Code, Gate(user) ?? (user.Files.ContainsKey(file) ? 0 : 3));
                    if (reply.Code == 0)
                    {
                        user.Files.Remove(file);
                    }

                    break;
                }

                case 7:
                {
                    var remote = names[_random.Next(names.Length)];
                    var reply = await directory.ListContentAsync(name, remote);
                    Expect("LIST_CONTENT", name, reply.Code, Gate(user) ?? (_users[remote].Registered ? 0 : 3));
                    if (reply.Code == 0 && !reply.Files!.OrderBy(f => f.FileName).SequenceEqual(
                            _users[remote].Files.OrderBy(f => f.Key).Select(f => new ContentEntry(f.Key, f.Value))))
                    {
                        _mismatches.Add($"LIST_CONTENT {remote}: {string.Join(",", reply.Files!)}");
                    }

                    break;
                }

                case 8:
                {
                    var reply = await directory.ListUsersAsync(name);
                    Expect("LIST_USERS", name, reply.Code, Gate(user) ?? 0);
                    if (reply.Code == 0 && !reply.Users!.Contains(new UserEntry(name, "127.0.0.1", user.Port)))
                    {
                        _mismatches.Add($"LIST_USERS by {name} does not list itself at port {user.Port}");
                    }

                    break;
                }

                default:
                {
                    var j = _random.Next(SharedNames);
                    if (_random.Next(2) == 0)
                    {
                        if ((await directory.RegisterAsync(SharedLedger.Name(j))).Code == 0)
                        {
                            Interlocked.Increment(ref shared.Registered[j]);
                        }
                    }
                    else if ((await directory.UnregisterAsync(SharedLedger.Name(j))).Code == 0)
                    {
                        Interlocked.Increment(ref shared.Unregistered[j]);
                    }

                    break;
                }
            }
        }

        /// <summary>The code an operation that needs a connected user gets before its own checks, or null.</summary>
        private static int? Gate(UserModel user) => !user.Registered ? 1 : !user.Connected ? 2 : null;

        private void Expect(string operation, string user, int actual, int expected)
        {
            if (actual != expected)
            {
                _mismatches.Add($"{operation} {user}: got {actual}, expected {expected}");
            }
        }
    }
}
