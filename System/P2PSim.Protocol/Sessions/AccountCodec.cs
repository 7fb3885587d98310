using System.Buffers;
using System.Text;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Sessions;

/// <summary>
/// Requests and replies of the account operations (docs/sessions.md §6): <c>ACCOUNT\0 user\0 password\0</c> and
/// <c>LOGIN\0 user\0 password\0</c>, answered with an ASCII result code like every session reply. Pure and
/// byte-exact; the whole request is one frame's body.
/// </summary>
public static class AccountCodec
{
    /// <summary>The longest password accepted, in UTF-8 bytes (a server may demand fewer, never more).</summary>
    public const int MaxPasswordBytes = 256;

    private static ReadOnlySpan<byte> CreateName => "ACCOUNT\0"u8;

    private static ReadOnlySpan<byte> LoginName => "LOGIN\0"u8;

    /// <summary>The operation's name on the wire.</summary>
    public static string WireName(AccountOperation operation) => operation == AccountOperation.Create ? "ACCOUNT" : "LOGIN";

    /// <summary>The "other error" code of an operation: what a malformed request gets.</summary>
    public static int OtherErrorCode(AccountOperation operation) =>
        operation == AccountOperation.Create ? (int)AccountResult.Failed : (int)LoginResult.Failed;

    /// <summary>True when a request frame's body names an account operation (then <see cref="Decode"/> reads it).</summary>
    public static bool IsAccountRequest(ReadOnlySequence<byte> body, out AccountOperation operation)
    {
        var reader = new SequenceReader<byte>(body);
        operation = AccountOperation.Login;
        if (reader.IsNext(LoginName))
        {
            return true;
        }

        operation = AccountOperation.Create;
        return reader.IsNext(CreateName);
    }

    /// <summary>
    /// Decodes a whole request body. Throws <see cref="ProtocolException"/> when a field is missing, too long or
    /// not valid, or when bytes follow the password.
    /// </summary>
    public static AccountRequest Decode(ReadOnlySequence<byte> body, FieldLimits limits)
    {
        if (!IsAccountRequest(body, out var operation))
        {
            throw new ProtocolException("The request is not an account operation.");
        }

        var reader = new SequenceReader<byte>(body);
        reader.Advance(operation == AccountOperation.Create ? CreateName.Length : LoginName.Length);
        if (!FieldReader.TryReadField(ref reader, limits.UserName, "user name", null, out var user))
        {
            throw new ProtocolException("The request ends before its user name does.");
        }

        DirectoryRequestDecoder.ValidateName(user, limits.UserName, "user name", null);
        if (!FieldReader.TryReadField(ref reader, MaxPasswordBytes, "password", null, out var password))
        {
            throw new ProtocolException("The request ends before its password does.");
        }

        if (!reader.End)
        {
            throw new ProtocolException($"The request has {reader.Remaining} bytes after its password.");
        }

        return new AccountRequest(operation, user, password);
    }

    /// <summary>Writes a request body (the caller frames it).</summary>
    /// <exception cref="ArgumentException">
    /// The user name or the password holds NUL, a newline or a lone surrogate, or the password is longer than
    /// <see cref="MaxPasswordBytes"/>.
    /// </exception>
    public static void Encode(AccountRequest request, IBufferWriter<byte> output)
    {
        if (request.User.AsSpan().IndexOfAny('\0', '\n') >= 0 || !HasUtf8Form(request.User))
        {
            throw new ArgumentException("A user name may not hold NUL, a newline or a lone surrogate.", nameof(request));
        }

        if (request.Password.AsSpan().IndexOfAny('\0', '\n') >= 0)
        {
            throw new ArgumentException("A password may not hold NUL or a newline.", nameof(request));
        }

        // A lone surrogate has no UTF-8 form: the encoder would send U+FFFD instead, so the account would get a
        // password other than the one typed, and every lone surrogate would be the same character to it.
        if (!HasUtf8Form(request.Password))
        {
            throw new ArgumentException("A password may not hold a lone surrogate (half of a UTF-16 pair): it has no UTF-8 form.", nameof(request));
        }

        if (Encoding.UTF8.GetByteCount(request.Password) > MaxPasswordBytes)
        {
            throw new ArgumentException($"A password is at most {MaxPasswordBytes} bytes.", nameof(request));
        }

        FieldWriter.Write(output, WireName(request.Operation));
        FieldWriter.Write(output, request.User);
        FieldWriter.Write(output, request.Password);
    }

    /// <summary>False when <paramref name="text"/> holds a lone surrogate, which UTF-8 cannot encode.</summary>
    private static bool HasUtf8Form(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = most <= 1024 ? stackalloc byte[most] : new byte[most];
        return System.Text.Unicode.Utf8.FromUtf16(text, utf8, out _, out _, replaceInvalidSequences: false) == OperationStatus.Done;
    }

    /// <summary>Writes a reply body: the code in ASCII.</summary>
    public static void EncodeReply(int code, IBufferWriter<byte> output) => FieldWriter.Write(output, code);

    /// <summary>Reads a reply body's code. Throws <see cref="ProtocolException"/> when it holds no code.</summary>
    public static int DecodeReply(ReadOnlySpan<byte> reply)
    {
        if (!ResultCode.TryRead(reply, out var code, out var consumed) || consumed != reply.Length)
        {
            throw new ProtocolException("The account reply is not one result code.");
        }

        return code;
    }
}
