namespace P2PSim.Protocol;

/// <summary>The classic directory operations (spec §2), in the order of the spec's table.</summary>
public enum Operation
{
    /// <summary><c>REGISTER [dt] user</c>.</summary>
    Register,

    /// <summary><c>UNREGISTER [dt] user</c>.</summary>
    Unregister,

    /// <summary><c>CONNECT [dt] user listenport</c>.</summary>
    Connect,

    /// <summary><c>DISCONNECT [dt] user</c>.</summary>
    Disconnect,

    /// <summary><c>PUBLISH [dt] me filename description</c>.</summary>
    Publish,

    /// <summary><c>DELETE [dt] me filename</c>.</summary>
    Delete,

    /// <summary><c>LIST_USERS [dt] me</c>.</summary>
    ListUsers,

    /// <summary><c>LIST_CONTENT [dt] me remoteuser</c>.</summary>
    ListContent,
}
