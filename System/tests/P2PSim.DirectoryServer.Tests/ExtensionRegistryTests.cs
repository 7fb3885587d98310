using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>FIND_SOURCES and SEARCH (P2PSim extensions) in the registry and through the service's code table.</summary>
public sealed class ExtensionRegistryTests
{
    private readonly DirectoryRegistry _registry = new();

    public ExtensionRegistryTests()
    {
        foreach (var (user, port) in new[] { ("ann", 4001), ("bob", 4002), ("cy", 4003), ("dee", 4004) })
        {
            _registry.Register(user);
            _registry.Connect(user, "127.0.0.1", port);
        }

        _registry.Publish("ann", "movie.bin", "a holiday film");
        _registry.Publish("bob", "movie.bin", "same film");
        _registry.Publish("cy", "movie.bin", "cy's copy");
        _registry.Publish("cy", "notes.txt", "Film notes");
        _registry.Disconnect("cy");
    }

    [Fact]
    public void Find_sources_lists_connected_publishers_other_than_the_caller()
    {
        Assert.Equal(RegistryStatus.Ok, _registry.FindSources("ann", "movie.bin", out var sources));
        Assert.Equal([new UserEntry("bob", "127.0.0.1", 4002)], sources);

        Assert.Equal(RegistryStatus.Ok, _registry.FindSources("dee", "movie.bin", out sources));
        Assert.Equal(["ann", "bob"], sources.Select(s => s.Name).Order(StringComparer.Ordinal));

        Assert.Equal(RegistryStatus.Ok, _registry.FindSources("dee", "nothing.bin", out sources));
        Assert.Empty(sources);
    }

    [Fact]
    public void Anyone_may_ask_even_a_name_the_directory_does_not_know()
    {
        Assert.Equal(RegistryStatus.Ok, _registry.FindSources("script", "movie.bin", out var sources));
        Assert.Equal(["ann", "bob"], sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(RegistryStatus.Ok, _registry.Search("film", 10, out var hits));
        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public void Search_matches_names_and_descriptions_ignoring_case_among_connected_users_only()
    {
        Assert.Equal(RegistryStatus.Ok, _registry.Search("FILM", 10, out var hits));
        Assert.Equal(
            [new SearchHit("ann", "movie.bin", "a holiday film"), new SearchHit("bob", "movie.bin", "same film")],
            hits.OrderBy(h => h.User, StringComparer.Ordinal));

        Assert.Equal(RegistryStatus.Ok, _registry.Search("movie", 1, out hits));
        Assert.Single(hits);
    }

    [Fact]
    public async Task The_service_caps_search_results_whatever_the_client_asks()
    {
        var registry = new DirectoryRegistry();
        registry.Register("big");
        registry.Connect("big", "127.0.0.1", 4000);
        for (var i = 0; i < SearchRequest.ServerLimit + 50; i++)
        {
            registry.Publish("big", $"file{i}", "x");
        }

        var reply = await new DirectoryService(registry).HandleAsync(new SearchRequest(null, "big", "file", 1_000_000), "127.0.0.1");

        Assert.Equal(0, reply.Code);
        Assert.Equal(SearchRequest.ServerLimit, reply.Hits!.Count);
    }
}
