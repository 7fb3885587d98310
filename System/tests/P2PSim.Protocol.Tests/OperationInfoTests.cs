namespace P2PSim.Protocol.Tests;

/// <summary>Wire names and "other error" codes of docs/protocol.md §3 and §5 (spec §2's table).</summary>
public sealed class OperationInfoTests
{
    [Theory]
    [InlineData(Operation.Register, "REGISTER", 2, 1)]
    [InlineData(Operation.Unregister, "UNREGISTER", 2, 1)]
    [InlineData(Operation.Connect, "CONNECT", 3, 2)]
    [InlineData(Operation.Disconnect, "DISCONNECT", 3, 1)]
    [InlineData(Operation.Publish, "PUBLISH", 4, 3)]
    [InlineData(Operation.Delete, "DELETE", 4, 2)]
    [InlineData(Operation.ListUsers, "LIST_USERS", 3, 1)]
    [InlineData(Operation.ListContent, "LIST_CONTENT", 4, 2)]
    public void Each_operation_has_its_wire_name_other_error_code_and_argument_count(
        Operation operation, string wireName, int otherError, int arguments)
    {
        Assert.Equal(wireName, operation.WireName());
        Assert.Equal(otherError, operation.OtherErrorCode());
        Assert.Equal(arguments, operation.ArgumentCount());
        Assert.True(OperationInfo.TryParse(wireName, out var parsed));
        Assert.Equal(operation, parsed);
    }

    [Theory]
    [InlineData("register")]
    [InlineData("GET_FILE")]
    [InlineData("")]
    public void Other_names_are_not_operations(string name) => Assert.False(OperationInfo.TryParse(name, out _));
}
