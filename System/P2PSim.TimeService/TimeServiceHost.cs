using System.ServiceModel.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SoapCore;

namespace P2PSim.TimeService;

/// <summary>
/// Hosts <see cref="ITimeService"/> on Kestrel: SOAP 1.1 at <c>/</c>, WSDL at <c>/?wsdl</c>, request bodies capped at
/// <see cref="MaxRequestBodySize"/> (SoapCore buffers the whole body, so Kestrel's 30 MB default would be a memory lever)
/// and read first by <see cref="RequestBodyGuard"/>: 413 past the cap, a fault for a DTD.
/// </summary>
public sealed class TimeServiceHost : IAsyncDisposable
{
    /// <summary>The request body cap, in bytes: a body of this size or larger gets 413.</summary>
    public const long MaxRequestBodySize = 64 * 1024;

    private readonly WebApplication _app;
    private readonly ILogger _logger;
    private int _stopped;

    private TimeServiceHost(WebApplication app, Uri baseAddress, ILogger logger)
    {
        _app = app;
        BaseAddress = baseAddress;
        _logger = logger;
    }

    /// <summary>The address actually bound (with the real port when started on port 0), ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The WSDL address, <c>BaseAddress?wsdl</c>.</summary>
    public Uri WsdlAddress => new(BaseAddress, "?wsdl");

    /// <summary>Starts the service on <paramref name="url"/> (e.g. <c>http://127.0.0.1:0</c>) and returns once it listens.</summary>
    public static async Task<TimeServiceHost> StartAsync(
        string url, TimeProvider? time = null, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        loggers ??= NullLoggerFactory.Instance;

        // An empty builder: no appsettings.json, environment or command line of the hosting process leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxRequestBodySize;
        });
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSoapCore();
        builder.Services.AddSingleton<ITimeService, TimeService>();

        var app = builder.Build();
        ((IApplicationBuilder)app).UseMiddleware<RequestBodyGuard>();
        ((IApplicationBuilder)app).UseSoapEndpoint<ITimeService>(options =>
        {
            options.Path = "/";
            options.EncoderOptions = [new SoapEncoderOptions { MessageVersion = MessageVersion.Soap11 }];
            options.SoapSerializer = SoapSerializer.DataContractSerializer;
        });

        await app.StartAsync(ct);

        var addresses = app.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var bound = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The time service did not bind {url}.");
        var baseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");

        var logger = loggers.CreateLogger<TimeServiceHost>();
        Log.Listening(logger, baseAddress);
        return new TimeServiceHost(app, baseAddress, logger);
    }

    /// <summary>Stops listening and releases the port; idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        Log.Stopped(_logger, BaseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
