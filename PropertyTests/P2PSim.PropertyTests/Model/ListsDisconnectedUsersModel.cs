namespace P2PSim.PropertyTests.Model;

/// <summary>
/// A deliberately wrong model, used only to prove the model property can fail: it says LIST_USERS also lists
/// registered users that are not connected (the spec lists connected users only).
/// </summary>
internal sealed class ListsDisconnectedUsersModel : DirectoryModel
{
    protected override bool Listed(ModelUser user) => true;
}
