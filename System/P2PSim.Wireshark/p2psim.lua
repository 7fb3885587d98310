-- Wireshark dissector for P2PSim (docs/wireshark.md): the classic directory protocol (docs/protocol.md), peer
-- GET_FILE, the FIND_SOURCES / SEARCH / GET_MANIFEST / GET_RANGE extensions (docs/extensions.md), directory sessions
-- (docs/sessions.md), and the arguments of the log service's LOG_ENTRY / LOG_BATCH calls (p2psim_log.x) on top of
-- Wireshark's own ONC-RPC dissector.
--
-- Load it with `tshark -X lua_script:p2psim.lua` or copy it to ~/.local/lib/wireshark/plugins/. It finds P2PSim
-- traffic on any TCP port by its first bytes (servers usually run with -p 0); `-o tcp.try_heuristic_first:TRUE`
-- keeps a port another dissector claims from hiding it. For the log service, enable RPC's "dissect unknown
-- programs" (`-o rpc.dissect_unknown_programs:TRUE`): Lua cannot register an ONC-RPC program, so the arguments are
-- added by a post-dissector once Wireshark has decoded the RPC header.
--
-- State: every TCP stream P2PSim's heuristic claims gets a record of its requests in order (a classic connection
-- has one, a session or an extension connection many); each reply is matched to the oldest unanswered request,
-- which is the protocol's rule. What a frame needs to be dissected again (after the first pass, when a user clicks
-- it) is the stream's cursor as it was when the frame was first seen, kept per frame.

local p2psim = Proto("p2psim", "P2PSim")

local ops = {
    REGISTER = "directory", UNREGISTER = "directory", CONNECT = "directory", DISCONNECT = "directory",
    PUBLISH = "directory", DELETE = "directory", LIST_USERS = "directory", LIST_CONTENT = "directory",
    FIND_SOURCES = "directory", SEARCH = "directory",
    GET_FILE = "peer", GET_MANIFEST = "extension", GET_RANGE = "extension",
    SESSION = "session", ACCOUNT = "account", LOGIN = "account",
}

local frame_kinds = { [1] = "REQUEST", [2] = "REPLY", [3] = "PING", [4] = "PONG", [5] = "CLOSE" }
local close_codes = { [0] = "orderly", [1] = "frame over the limit", [2] = "not a frame", [3] = "idle",
    [4] = "replies left unread" }

-- Longest field read before a message is called malformed: the protocol's limits are 256 bytes.
local MAX_FIELD = 1024
-- tcp's "until the connection closes" (DESEGMENT_UNTIL_FIN); Wireshark 4.0's Lua does not export it.
local DESEGMENT_UNTIL_FIN = 0x0ffffffe

local f = {
    message = ProtoField.string("p2psim.message", "Message"),
    op = ProtoField.string("p2psim.op", "Operation"),
    timestamp = ProtoField.string("p2psim.timestamp", "Timestamp"),
    user = ProtoField.string("p2psim.user", "User"),
    ip = ProtoField.string("p2psim.ip", "Announced IP"),
    port = ProtoField.uint16("p2psim.port", "Listen port"),
    file = ProtoField.string("p2psim.file", "File name"),
    description = ProtoField.string("p2psim.description", "Description"),
    remote = ProtoField.string("p2psim.remote_user", "Remote user"),
    text = ProtoField.string("p2psim.search_text", "Search text"),
    max = ProtoField.uint32("p2psim.max_results", "Most results"),
    password = ProtoField.string("p2psim.password", "Password"),
    result = ProtoField.int8("p2psim.result", "Result code"),
    encoding = ProtoField.string("p2psim.result_encoding", "Result encoding"),
    count = ProtoField.uint32("p2psim.count", "Count"),
    entry = ProtoField.string("p2psim.entry", "Entry"),
    entry_user = ProtoField.string("p2psim.entry.user", "User"),
    entry_ip = ProtoField.string("p2psim.entry.ip", "IP"),
    entry_port = ProtoField.uint16("p2psim.entry.port", "Port"),
    entry_file = ProtoField.string("p2psim.entry.file", "File name"),
    entry_description = ProtoField.string("p2psim.entry.description", "Description"),
    size = ProtoField.uint64("p2psim.size", "Size"),
    content = ProtoField.bytes("p2psim.content", "Content"),
    content_offset = ProtoField.uint64("p2psim.content_offset", "Content offset"),
    trailing_nul = ProtoField.bool("p2psim.trailing_nul", "Trailing NUL (not counted in the size)"),
    blocksize = ProtoField.uint32("p2psim.block_size", "Block size"),
    filehash = ProtoField.string("p2psim.file_hash", "File hash"),
    blockhash = ProtoField.string("p2psim.block_hash", "Block hash"),
    version = ProtoField.string("p2psim.version", "Version"),
    offset = ProtoField.uint64("p2psim.offset", "Offset"),
    length = ProtoField.uint32("p2psim.length", "Length"),
    session_version = ProtoField.uint32("p2psim.session.version", "Session version"),
    limit = ProtoField.uint32("p2psim.session.frame_limit", "Frame limit"),
    window = ProtoField.uint32("p2psim.session.window", "Window"),
    heartbeat = ProtoField.uint32("p2psim.session.heartbeat", "Heartbeat (s)"),
    idle = ProtoField.uint32("p2psim.session.idle", "Idle (s)"),
    frame_length = ProtoField.uint32("p2psim.frame.length", "Frame length"),
    frame_kind = ProtoField.uint8("p2psim.frame.kind", "Frame kind", base.DEC, frame_kinds),
    frame_id = ProtoField.uint32("p2psim.frame.id", "Frame id"),
    close_code = ProtoField.uint8("p2psim.close.code", "Close code", base.DEC, close_codes),
    close_reason = ProtoField.string("p2psim.close.reason", "Close reason"),
    request_in = ProtoField.framenum("p2psim.request_in", "Request in", base.NONE, frametype.REQUEST),
    response_in = ProtoField.framenum("p2psim.response_in", "Response in", base.NONE, frametype.RESPONSE),
    log_entry = ProtoField.string("p2psim.log.entry", "Log entry"),
    log_count = ProtoField.uint32("p2psim.log.count", "Entries"),
    log_user = ProtoField.string("p2psim.log.user", "User"),
    log_operation = ProtoField.string("p2psim.log.operation", "Operation"),
    log_file = ProtoField.string("p2psim.log.file", "File name"),
    log_timestamp = ProtoField.string("p2psim.log.timestamp", "Timestamp"),
    log_sender = ProtoField.string("p2psim.log.sender", "Sender"),
    log_sequence = ProtoField.uint64("p2psim.log.sequence", "Sequence"),
    log_accepted = ProtoField.int32("p2psim.log.accepted", "Accepted"),
}
local field_list = {}
for _, v in pairs(f) do field_list[#field_list + 1] = v end
p2psim.fields = field_list

local e_malformed = ProtoExpert.new("p2psim.malformed", "Malformed P2PSim message", expert.group.MALFORMED,
    expert.severity.ERROR)
local e_unknown = ProtoExpert.new("p2psim.unknown_operation", "Unknown operation", expert.group.PROTOCOL,
    expert.severity.WARN)
local e_error = ProtoExpert.new("p2psim.error_result", "Operation failed", expert.group.RESPONSE_CODE,
    expert.severity.NOTE)
p2psim.experts = { e_malformed, e_unknown, e_error }

local f_stream = Field.new("tcp.stream")
local f_fin = Field.new("tcp.flags.fin")

-- streams[tcp.stream] = { client = "addr:port", requests = { {op=, user=, file=, frame=, reply=} ... },
--                         cursor = { mode=, nreq=, nreply=, ... } }
local streams = {}
-- cursor of a stream as it was when frame:length was first dissected, for later passes
local snapshots = {}

function p2psim.init()
    streams = {}
    snapshots = {}
end

local function copy(t)
    local c = {}
    for k, v in pairs(t) do c[k] = v end
    return c
end

local function endpoint(address, port) return tostring(address) .. ":" .. tostring(port) end

-- Reads one field at offset: its text and the offset after its terminator (NUL or \n); nil when the terminator has
-- not arrived yet; false when no terminator comes within MAX_FIELD bytes.
local function read_field(tvb, offset)
    local length = tvb:len()
    local last = math.min(length, offset + MAX_FIELD + 1) - 1
    for i = offset, last do
        local b = tvb(i, 1):uint()
        if b == 0 or b == 10 then
            return tvb:raw(offset, i - offset), i + 1
        end
    end
    if length - offset > MAX_FIELD then return false end
    return nil
end

local function is_timestamp(s)
    if #s ~= 19 then return false end
    local date = "%d%d[/-]%d%d[/-]%d%d%d%d"
    local ymd = "%d%d%d%d[/-]%d%d[/-]%d%d"
    local time = "%d%d:%d%d:%d%d"
    for _, p in ipairs({ date .. " " .. time, ymd .. " " .. time, time .. " " .. date, time .. " " .. ymd }) do
        if s:match("^" .. p .. "$") then return true end
    end
    return false
end

-- A cursor over the fields of one message: each take() adds the field to the tree (when given) and returns its
-- text; needs_more / broken say why a message could not be read whole.
local function fields(tvb, offset)
    local r = { offset = offset, needs_more = false, broken = false }
    function r.take()
        if r.needs_more or r.broken then return nil end
        local text, after = read_field(tvb, r.offset)
        if text == nil then r.needs_more = true return nil end
        if text == false then r.broken = true return nil end
        local range = tvb(r.offset, after - r.offset - 1)
        r.offset = after
        return text, range
    end
    return r
end

-- Parses one request (classic, extension, or a session REQUEST's body). Returns the request record and the
-- offset after it, or nil, "more" / "malformed: why".
local function parse_request(tvb, offset)
    local r = fields(tvb, offset)
    local op = r.take()
    if op == nil then return nil, r.broken and "malformed: no operation name terminator" or "more" end
    local rec = { op = op, start = offset, items = {} }
    local function add(field, name)
        local text, range = r.take()
        if text ~= nil then rec[name] = text rec.items[#rec.items + 1] = { field, range, text } end
        return text
    end
    local kind = ops[op]
    if kind == nil then
        rec.unknown = true
    elseif kind == "directory" then
        local first, range = r.take()
        if first ~= nil then
            if is_timestamp(first) then
                rec.timestamp = first
                rec.items[#rec.items + 1] = { f.timestamp, range, first }
                add(f.user, "user")
            else
                rec.user = first
                rec.items[#rec.items + 1] = { f.user, range, first }
            end
        end
        if op == "CONNECT" then
            local text, range2 = r.take()
            if text ~= nil and (text:find("%.") or text:find(":")) then
                rec.ip = text
                rec.items[#rec.items + 1] = { f.ip, range2, text }
                text, range2 = r.take()
            end
            if text ~= nil then
                rec.port = tonumber(text)
                if rec.port == nil then rec.bad = "the listen port is not a number" end
                rec.items[#rec.items + 1] = { f.port, range2, rec.port or 0 }
            end
        elseif op == "PUBLISH" then
            add(f.file, "file") add(f.description, "description")
        elseif op == "DELETE" or op == "FIND_SOURCES" then
            add(f.file, "file")
        elseif op == "LIST_CONTENT" then
            add(f.remote, "remote")
        elseif op == "SEARCH" then
            add(f.text, "text")
            local text, range2 = r.take()
            if text ~= nil then rec.items[#rec.items + 1] = { f.max, range2, tonumber(text) or 0 } end
        end
    elseif kind == "peer" or op == "GET_MANIFEST" then
        add(f.file, "file")
    elseif op == "GET_RANGE" then
        add(f.file, "file") add(f.version, "version")
        local text, range2 = r.take()
        if text ~= nil then rec.range_offset = tonumber(text) rec.items[#rec.items + 1] = { f.offset, range2, UInt64(tonumber(text) or 0) } end
        text, range2 = r.take()
        if text ~= nil then rec.length = tonumber(text) rec.items[#rec.items + 1] = { f.length, range2, tonumber(text) or 0 } end
    elseif kind == "session" then
        local text, range2 = r.take()
        if text ~= nil then rec.items[#rec.items + 1] = { f.session_version, range2, tonumber(text) or 0 } end
    elseif kind == "account" then
        add(f.user, "user") add(f.password, "password")
    end
    if r.broken then return nil, "malformed: a field of " .. op .. " has no terminator within " .. MAX_FIELD .. " bytes" end
    if r.needs_more then return nil, "more" end
    rec.stop = r.offset
    return rec, r.offset
end

-- Reads a result code in any of the three encodings (protocol.md §4.1): code, offset after it, encoding name.
local function read_code(tvb, offset)
    if tvb:len() <= offset then return nil end
    local b = tvb(offset, 1):uint()
    local function nul_after(at)
        if tvb:len() > at and tvb(at, 1):uint() == 0 then return at + 1, "ASCII + NUL" end
        return at, "character"
    end
    if b < 0x20 then return b, offset + 1, "raw byte" end
    if b == 0xFF then return -1, offset + 1, "raw byte" end
    if b >= 0x30 and b <= 0x39 then
        local after, encoding = nul_after(offset + 1)
        return b - 0x30, after, encoding
    end
    if b == 0x2D then
        if tvb:len() <= offset + 1 then return nil end
        if tvb(offset + 1, 1):uint() == 0x31 then
            local after, encoding = nul_after(offset + 2)
            return -1, after, encoding
        end
    end
    return false
end

local function describe(rec)
    local s = rec.op
    if rec.user then s = s .. " " .. rec.user end
    if rec.remote then s = s .. " " .. rec.remote end
    if rec.file then s = s .. " " .. rec.file end
    if rec.text then s = s .. " \"" .. rec.text .. "\"" end
    if rec.port then s = s .. " " .. rec.port end
    return s
end

local function add_request_tree(tree, tvb, rec, title)
    local t = tree:add(p2psim, tvb(rec.start, rec.stop - rec.start), title .. ": " .. describe(rec))
    t:add(f.message, tvb(rec.start, 0), "request")
    t:add(f.op, tvb(rec.start, #rec.op), rec.op)
    for _, item in ipairs(rec.items) do t:add(item[1], item[2], item[3]) end
    if rec.unknown then t:add_proto_expert_info(e_unknown, "Unknown operation " .. rec.op) end
    if rec.bad then t:add_proto_expert_info(e_malformed, rec.bad) end
    return t
end

-- The list after code 0 of a list operation: count, then per entry the given fields. Returns the offset after
-- it, or nil, "more" / "malformed". With names_or_pairs (LIST_CONTENT), a list of names only is accepted too when
-- the data ends after count names (the connection's end is known: classic replies are read until FIN).
local function parse_list(tvb, offset, t, shape, at_end)
    local r = fields(tvb, offset)
    local count_text, count_range = r.take()
    if count_text == nil then return nil, r.broken and "malformed" or "more" end
    local count = tonumber(count_text)
    if count == nil then return nil, "malformed: the list count '" .. count_text .. "' is not a number" end
    t:add(f.count, count_range, count)
    local per = #shape
    if shape.names_or_pairs and at_end then
        -- count whole fields to the end: count of them is names only, 2 x count names with descriptions
        local probe, n = fields(tvb, r.offset), 0
        while probe.take() ~= nil do n = n + 1 end
        if n == count then per = 1 end
    end
    for _ = 1, count do
        local start = r.offset
        local values, ranges = {}, {}
        for i = 1, per do values[i], ranges[i] = r.take() end
        if r.broken then return nil, "malformed" end
        if r.needs_more then return nil, "more" end
        local e = t:add(f.entry, tvb(start, r.offset - start), table.concat(values, " "))
        for i = 1, per do
            local field = shape[i]
            local value = values[i]
            if field == f.entry_port then value = tonumber(value) or 0 end
            e:add(field, ranges[i], value)
        end
    end
    return r.offset
end

local list_shapes = {
    LIST_USERS = { f.entry_user, f.entry_ip, f.entry_port },
    FIND_SOURCES = { f.entry_user, f.entry_ip, f.entry_port },
    LIST_CONTENT = { f.entry_file, f.entry_description, names_or_pairs = true },
    SEARCH = { f.entry_user, f.entry_file, f.entry_description },
}

-- Parses one directory reply to rec at offset (the whole of it: classic replies end at FIN, session replies at
-- their frame's end). Returns the offset after it, or nil, "more" / "malformed".
local function parse_directory_reply(tvb, offset, rec, tree, pinfo, at_end, title)
    local code, after, encoding = read_code(tvb, offset)
    if code == nil then return nil, "more" end
    if code == false then return nil, "malformed: the reply does not start with a result code" end
    local t = tree:add(p2psim, tvb(offset, math.max(tvb:len() - offset, 0)), title .. ": " .. (rec and rec.op or "?") .. " → " .. code)
    t:add(f.message, tvb(offset, 0), "reply")
    if rec then
        t:add(f.op, tvb(offset, 0), rec.op):set_generated()
        if rec.user then t:add(f.user, tvb(offset, 0), rec.user):set_generated() end
        if rec.file then t:add(f.file, tvb(offset, 0), rec.file):set_generated() end
        t:add(f.request_in, tvb(offset, 0), rec.frame):set_generated()
    end
    t:add(f.result, tvb(offset, after - offset), code)
    t:add(f.encoding, tvb(offset, after - offset), encoding):set_generated()
    if code ~= 0 then t:add_proto_expert_info(e_error, (rec and rec.op or "operation") .. " answered " .. code) end
    local shape = rec and list_shapes[rec.op]
    if code == 0 and shape then
        local stop, why = parse_list(tvb, after, t, shape, at_end)
        if stop == nil then return nil, why end
        after = stop
    end
    t:set_len(after - offset)
    pinfo.cols.info:append(" " .. (rec and rec.op or "?") .. " → " .. code)
    return after, t
end

local function cursor_for(pinfo, tvb, stream)
    local key = pinfo.number .. ":" .. tvb:reported_len()
    if not pinfo.visited then
        if snapshots[key] == nil then snapshots[key] = copy(stream.cursor) end
        return stream.cursor
    end
    local snap = snapshots[key]
    return snap and copy(snap) or nil
end

-- The request the next reply answers: the oldest unanswered one. Peeked while the reply may still be incomplete,
-- committed once it is whole, so a desegmentation request leaves the cursor as it was.
local function peek_reply(stream, cursor)
    return stream.requests[cursor.nreply + 1]
end

local function commit_reply(stream, cursor, pinfo)
    cursor.nreply = cursor.nreply + 1
    local rec = stream.requests[cursor.nreply]
    if rec and not pinfo.visited then rec.reply = pinfo.number end
end

local function record_request(stream, cursor, pinfo, rec)
    cursor.nreq = cursor.nreq + 1
    local known = stream.requests[cursor.nreq]
    if known then return known end
    rec.frame = pinfo.number
    rec.items = nil -- the tree items point into this frame's buffer; keep only what replies show
    stream.requests[cursor.nreq] = rec
    return rec
end

local function malformed(tree, tvb, offset, why, pinfo)
    local t = tree:add(p2psim, tvb(offset), "P2PSim (malformed)")
    t:add_proto_expert_info(e_malformed, why)
    pinfo.cols.info:append(" [malformed: " .. why .. "]")
end

-- Content after a GET_FILE's code, or a GET_RANGE block: shown as bytes with their offset in the file.
local function add_content(tree, tvb, offset, length, at)
    local t = tree:add(p2psim, tvb(offset, length), "Content, bytes " .. at .. "–" .. (at + length - 1))
    t:add(f.content_offset, tvb(offset, 0), UInt64(at)):set_generated()
    t:add(f.content, tvb(offset, length))
end

-- Client → server: requests (and session frames). Returns bytes consumed or the desegmentation request.
local function dissect_client(tvb, pinfo, tree, stream, cursor)
    local offset = 0
    while offset < tvb:len() do
        if cursor.mode == "session" and cursor.hello_sent then
            if tvb:len() - offset < 4 then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
            local length = tvb(offset, 4):uint()
            if length < 5 then malformed(tree, tvb, offset, "a session frame shorter than its header", pinfo) return end
            if tvb:len() - offset < 4 + length then pinfo.desegment_offset = offset pinfo.desegment_len = 4 + length - (tvb:len() - offset) return end
            local kind = tvb(offset + 4, 1):uint()
            local id = tvb(offset + 5, 4):uint()
            local body = tvb(offset + 9, length - 5):tvb()
            local t
            if kind == 1 then
                local rec, why = parse_request(body, 0)
                if rec == nil then
                    t = tree:add(p2psim, tvb(offset, 4 + length), "P2PSim session REQUEST " .. id)
                    t:add_proto_expert_info(e_malformed, why == "more" and "a REQUEST body that is not one whole request" or why)
                else
                    t = add_request_tree(tree, body, rec, "P2PSim session REQUEST " .. id)
                    rec.id = id
                    local known = record_request(stream, cursor, pinfo, rec)
                    if known.reply then t:add(f.response_in, body(0, 0), known.reply):set_generated() end
                    pinfo.cols.info:append(" " .. describe(rec))
                end
            else
                t = tree:add(p2psim, tvb(offset, 4 + length), "P2PSim session " .. (frame_kinds[kind] or "?") .. " " .. id)
                if kind == 3 or kind == 4 then pinfo.cols.info:append(" " .. frame_kinds[kind]) end
                if kind == 5 then
                    local r = fields(body, 0)
                    local code, code_range = r.take()
                    local reason, reason_range = r.take()
                    if code then t:add(f.close_code, code_range, tonumber(code) or 255) end
                    if reason then t:add(f.close_reason, reason_range, reason) end
                    pinfo.cols.info:append(" CLOSE")
                elseif kind ~= 3 and kind ~= 4 then
                    t:add_proto_expert_info(e_malformed, "a client sent a session frame of kind " .. kind)
                end
            end
            t:add(f.frame_length, tvb(offset, 4), length)
            t:add(f.frame_kind, tvb(offset + 4, 1))
            t:add(f.frame_id, tvb(offset + 5, 4))
            offset = offset + 4 + length
        else
            local rec, why = parse_request(tvb, offset)
            if rec == nil then
                if why == "more" then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
                malformed(tree, tvb, offset, why, pinfo)
                return
            end
            if cursor.mode == nil then cursor.mode = ops[rec.op] or "directory" end
            local t = add_request_tree(tree, tvb, rec, "P2PSim request")
            pinfo.cols.info:append(" " .. describe(rec))
            if rec.op == "SESSION" then cursor.hello_sent = true end
            local known = record_request(stream, cursor, pinfo, rec)
            if known.reply then t:add(f.response_in, tvb(rec.start, 0), known.reply):set_generated() end
            offset = rec.stop
        end
    end
end

-- Server → client: replies, in the mode the connection's first request set.
local function dissect_server(tvb, pinfo, tree, stream, cursor, fin)
    local offset = 0
    while offset < tvb:len() do
        local mode = cursor.mode
        if cursor.content ~= nil then
            -- GET_FILE content runs to the end of the connection; a GET_RANGE block has its length
            local length = tvb:len() - offset
            if cursor.remaining ~= nil then length = math.min(length, cursor.remaining) end
            add_content(tree, tvb, offset, length, cursor.content)
            pinfo.cols.info:append(" content " .. cursor.content .. "+" .. length)
            cursor.content = cursor.content + length
            offset = offset + length
            if cursor.remaining ~= nil then
                cursor.remaining = cursor.remaining - length
                if cursor.remaining == 0 then cursor.content = nil cursor.remaining = nil end
            end
        elseif cursor.sized_end then
            -- after a size-prefixed GET_FILE's content: at most one NUL, not counted in the size (protocol.md §6.2)
            local t = tree:add(p2psim, tvb(offset), "P2PSim GET_FILE end")
            if tvb:len() - offset == 1 and tvb(offset, 1):uint() == 0 then
                t:add(f.trailing_nul, tvb(offset, 1), true)
            else
                t:add_proto_expert_info(e_malformed, (tvb:len() - offset) .. " bytes after the size the reply announced")
            end
            cursor.sized_end = nil
            cursor.mode = "ended"
            return
        elseif mode == "directory" then
            -- one reply, ended by the close: wait for all of it
            if not fin then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_UNTIL_FIN return end
            local rec = peek_reply(stream, cursor)
            commit_reply(stream, cursor, pinfo)
            local stop, why = parse_directory_reply(tvb, offset, rec, tree, pinfo, true, "P2PSim reply")
            if stop == nil then malformed(tree, tvb, offset, why == "more" and "the reply ends before its list does" or why, pinfo) return end
            if stop < tvb:len() then malformed(tree, tvb, stop, "bytes after the reply", pinfo) end
            return
        elseif mode == "session" and not cursor.terms_read then
            local code, after = read_code(tvb, offset)
            if code == nil then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
            local rec = peek_reply(stream, cursor)
            local t = tree:add(p2psim, tvb(offset), "P2PSim session terms")
            t:add(f.message, tvb(offset, 0), "reply")
            t:add(f.op, tvb(offset, 0), "SESSION"):set_generated()
            if rec then t:add(f.request_in, tvb(offset, 0), rec.frame):set_generated() end
            if code == false then malformed(tree, tvb, offset, "the session terms do not start with a result code", pinfo) return end
            t:add(f.result, tvb(offset, after - offset), code)
            if code ~= 0 then
                pinfo.cols.info:append(" SESSION declined (" .. code .. ")")
                t:set_len(after - offset)
                cursor.mode = "declined"
                commit_reply(stream, cursor, pinfo)
                offset = after
            else
                local r = fields(tvb, after)
                local values = {}
                local items = { f.session_version, f.limit, f.window, f.heartbeat, f.idle }
                local ranges = {}
                for i = 1, 5 do values[i], ranges[i] = r.take() end
                if r.needs_more then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
                if r.broken then malformed(tree, tvb, offset, "session terms without terminators", pinfo) return end
                for i = 1, 5 do t:add(items[i], ranges[i], tonumber(values[i]) or 0) end
                t:set_len(r.offset - offset)
                pinfo.cols.info:append(" SESSION terms")
                cursor.terms_read = true
                commit_reply(stream, cursor, pinfo)
                offset = r.offset
            end
        elseif mode == "session" then
            if tvb:len() - offset < 4 then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
            local length = tvb(offset, 4):uint()
            if length < 5 then malformed(tree, tvb, offset, "a session frame shorter than its header", pinfo) return end
            if tvb:len() - offset < 4 + length then pinfo.desegment_offset = offset pinfo.desegment_len = 4 + length - (tvb:len() - offset) return end
            local kind = tvb(offset + 4, 1):uint()
            local id = tvb(offset + 5, 4):uint()
            local body = tvb(offset + 9, length - 5):tvb()
            local t
            if kind == 2 then
                local rec = peek_reply(stream, cursor)
                commit_reply(stream, cursor, pinfo)
                local stop, why
                stop, why = parse_directory_reply(body, 0, rec, tree, pinfo, true, "P2PSim session REPLY " .. id)
                if stop == nil then
                    t = tree:add(p2psim, tvb(offset, 4 + length), "P2PSim session REPLY " .. id)
                    t:add_proto_expert_info(e_malformed, why == "more" and "a REPLY body that is not one whole reply" or why)
                else
                    t = why -- the reply's own tree item: the frame's header goes under it
                    if rec and rec.id ~= id then t:add_proto_expert_info(e_malformed, "REPLY id " .. id .. " answers request id " .. tostring(rec.id)) end
                end
            else
                t = tree:add(p2psim, tvb(offset, 4 + length), "P2PSim session " .. (frame_kinds[kind] or "?") .. " " .. id)
                if kind == 5 then
                    local r = fields(body, 0)
                    local code, code_range = r.take()
                    local reason, reason_range = r.take()
                    if code then t:add(f.close_code, code_range, tonumber(code) or 255) end
                    if reason then t:add(f.close_reason, reason_range, reason) end
                    pinfo.cols.info:append(" CLOSE")
                elseif kind == 3 or kind == 4 then
                    pinfo.cols.info:append(" " .. frame_kinds[kind])
                else
                    t:add_proto_expert_info(e_malformed, "a server sent a session frame of kind " .. kind)
                end
            end
            t:add(f.frame_length, tvb(offset, 4), length)
            t:add(f.frame_kind, tvb(offset + 4, 1))
            t:add(f.frame_id, tvb(offset + 5, 4))
            offset = offset + 4 + length
        elseif mode == "peer" or mode == "extension" then
            local code, after, encoding = read_code(tvb, offset)
            if code == nil then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
            if code == false then malformed(tree, tvb, offset, "the reply does not start with a result code", pinfo) return end
            local rec = peek_reply(stream, cursor)
            local op = rec and rec.op or "?"
            local t = tree:add(p2psim, tvb(offset, after - offset), "P2PSim reply: " .. op .. " → " .. code)
            t:add(f.message, tvb(offset, 0), "reply")
            t:add(f.op, tvb(offset, 0), op):set_generated()
            if rec and rec.file then t:add(f.file, tvb(offset, 0), rec.file):set_generated() end
            if rec then t:add(f.request_in, tvb(offset, 0), rec.frame):set_generated() end
            t:add(f.result, tvb(offset, after - offset), code)
            t:add(f.encoding, tvb(offset, after - offset), encoding):set_generated()
            if code ~= 0 then
                t:add_proto_expert_info(e_error, op .. " answered " .. code)
                offset = after
            elseif op == "GET_MANIFEST" then
                local r = fields(tvb, after)
                local size, size_range = r.take()
                local block, block_range = r.take()
                local hash, hash_range = r.take()
                local count, count_range = r.take()
                if r.needs_more then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
                if r.broken or tonumber(count) == nil then malformed(tree, tvb, offset, "a manifest without its header fields", pinfo) return end
                local hashes = {}
                for i = 1, tonumber(count) do
                    local h, range = r.take()
                    if r.needs_more then pinfo.desegment_offset = offset pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT return end
                    if r.broken then malformed(tree, tvb, offset, "a block hash without terminator", pinfo) return end
                    hashes[i] = { h, range }
                end
                t:add(f.size, size_range, UInt64(tonumber(size) or 0))
                t:add(f.blocksize, block_range, tonumber(block) or 0)
                t:add(f.filehash, hash_range, hash)
                t:add(f.count, count_range, tonumber(count))
                for _, h in ipairs(hashes) do t:add(f.blockhash, h[2], h[1]) end
                t:set_len(r.offset - offset)
                offset = r.offset
            elseif op == "GET_RANGE" then
                offset = after
                cursor.content = rec.range_offset or 0
                cursor.remaining = rec.length or 0
                if cursor.remaining == 0 then cursor.content = nil cursor.remaining = nil end
            elseif op == "GET_FILE" then
                offset = after
                -- a classic size prefix: 1-20 digits then NUL right after the code (protocol.md §6.2)
                local size, stop = read_field(tvb, offset)
                cursor.content = 0
                cursor.remaining = nil
                if size and #size >= 1 and #size <= 20 and size:match("^%d+$") then
                    t:add(f.size, tvb(offset, #size), UInt64(tonumber(size))):append_text(" (size prefix)")
                    offset = stop
                    cursor.remaining = tonumber(size)
                    cursor.sized_end = true
                    if cursor.remaining == 0 then cursor.content = nil cursor.remaining = nil end
                end
            else
                offset = after
            end
            commit_reply(stream, cursor, pinfo)
            pinfo.cols.info:append(" " .. op .. " → " .. code)
        else
            return
        end
    end
end

local function dissect(tvb, pinfo, tree, stream)
    local cursor = cursor_for(pinfo, tvb, stream)
    if cursor == nil then return 0 end
    pinfo.cols.protocol = "P2PSim"
    pinfo.cols.info:set(pinfo.src_port .. " → " .. pinfo.dst_port)
    if endpoint(pinfo.src, pinfo.src_port) == stream.client then
        dissect_client(tvb, pinfo, tree, stream, cursor)
    else
        local fin = f_fin()
        dissect_server(tvb, pinfo, tree, stream, cursor, fin ~= nil and fin.value)
    end
    return tvb:len()
end

-- True when the bytes so far could start a P2PSim request: an operation name (or the start of one, for a request
-- written a byte at a time) followed by its terminator.
local function looks_like_request(tvb)
    local n = math.min(tvb:len(), 14)
    local head = tvb:raw(0, n)
    for op in pairs(ops) do
        if #head > #op then
            if head:sub(1, #op) == op then
                local t = head:byte(#op + 1)
                if t == 0 or t == 10 then return true end
            end
        elseif op:sub(1, #head) == head then
            return true
        end
    end
    return false
end

local function heuristic(tvb, pinfo, tree)
    local id = f_stream()
    if id == nil then return false end
    id = id.value
    local stream = streams[id]
    if stream == nil then
        if pinfo.visited or tvb:len() == 0 or not looks_like_request(tvb) then return false end
        stream = { client = endpoint(pinfo.src, pinfo.src_port), requests = {}, cursor = { nreq = 0, nreply = 0 } }
        streams[id] = stream
    end
    dissect(tvb, pinfo, tree, stream)
    return true
end

p2psim:register_heuristic("tcp", heuristic)

-- The log service (p2psim_log.x): Wireshark's ONC-RPC dissector decodes the header (with
-- rpc.dissect_unknown_programs on) and leaves the arguments as data; this post-dissector reads them.
local LOG_PROGRAM = 0x20050105
local f_rpc_program = Field.new("rpc.program")
local f_rpc_msgtyp = Field.new("rpc.msgtyp")
local f_rpc_procedure = Field.new("rpc.procedure")
local f_data = Field.new("data.data")

-- An XDR string at offset: its text, its range and the offset after its padding; nil past the end.
local function xdr_string(tvb, offset)
    if tvb:len() < offset + 4 then return nil end
    local length = tvb(offset, 4):uint()
    local padded = length + (4 - length % 4) % 4
    if tvb:len() < offset + 4 + padded then return nil end
    return tvb:raw(offset + 4, length), tvb(offset, 4 + padded), offset + 4 + padded
end

-- One log_entry at offset into tree; the offset after it, or nil when the bytes are not one.
local function log_entry(tvb, offset, tree)
    local start = offset
    local values, ranges = {}, {}
    for i = 1, 5 do
        values[i], ranges[i], offset = xdr_string(tvb, offset)
        if offset == nil then return nil end
    end
    if tvb:len() < offset + 8 then return nil end
    if tree then
        local label = values[1] .. " " .. values[2] .. (values[3] ~= "" and (" " .. values[3]) or "") .. " " .. values[4]
        local t = tree:add(f.log_entry, tvb(start, offset + 8 - start), label)
        local items = { f.log_user, f.log_operation, f.log_file, f.log_timestamp, f.log_sender }
        for i = 1, 5 do t:add(items[i], ranges[i], values[i]) end
        t:add(f.log_sequence, tvb(offset, 8), tvb(offset, 8):uint64())
    end
    return offset + 8
end

local function dissect_log_call(tvb, procedure, tree)
    if procedure == 1 then
        if log_entry(tvb, 0, nil) ~= tvb:len() then return false end
        log_entry(tvb, 0, tree)
        return true
    end
    if procedure ~= 2 or tvb:len() < 4 then return false end
    local count = tvb(0, 4):uint()
    local offset = 4
    for _ = 1, count do
        offset = log_entry(tvb, offset, nil)
        if offset == nil then return false end
    end
    if offset ~= tvb:len() then return false end
    tree:add(f.log_count, tvb(0, 4), count)
    offset = 4
    for _ = 1, count do offset = log_entry(tvb, offset, tree) end
    return true
end

function p2psim.dissector(_, pinfo, tree)
    local programs = { f_rpc_program() }
    if #programs == 0 then return end
    local types, procedures, data = { f_rpc_msgtyp() }, { f_rpc_procedure() }, { f_data() }
    for _, program in ipairs(programs) do
        if program.value ~= LOG_PROGRAM then return end
    end
    -- one argument or result block per RPC message; each message carries its procedure twice (its own field and
    -- the generated copy under the program's item)
    if #data ~= #types then return end
    for i, message in ipairs(data) do
        local procedure = procedures[2 * i - 1] and procedures[2 * i - 1].value
        local body = message.range:tvb()
        local name = procedure == 2 and "LOG_BATCH" or procedure == 1 and "LOG_ENTRY" or ("procedure " .. tostring(procedure))
        if types[i].value == 0 then
            local t = tree:add(p2psim, message.range, "P2PSim log service: " .. name .. " call")
            if not dissect_log_call(body, procedure, t) then
                t:add_proto_expert_info(e_malformed, "the arguments are not a " .. name .. " of p2psim_log.x")
            end
            pinfo.cols.info:append(" " .. name)
        elseif body:len() == 4 then
            local t = tree:add(p2psim, message.range, "P2PSim log service: " .. name .. " reply")
            t:add(f.log_accepted, body(0, 4), body(0, 4):int())
        end
    end
end

register_postdissector(p2psim)
