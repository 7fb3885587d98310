/*
 * Prints the golden vectors in Golden.cs, using libtirpc and the XDR routines rpcgen generates from
 * System/P2PSim.Rpc/p2psim_log.x. Not part of the build. To regenerate (Debian: apt-get install rpcsvc-proto
 * libtirpc-dev gcc), in a scratch directory:
 *     cp .../System/P2PSim.Rpc/p2psim_log.x .../golden/p2psim_log_golden.c . && rpcgen -C p2psim_log.x
 *     gcc -I/usr/include/tirpc -o golden p2psim_log_golden.c p2psim_log_xdr.c -ltirpc && ./golden
 */
#include <stdio.h>
#include <string.h>
#include <rpc/rpc.h>
#include "p2psim_log.h"

static char buf[65536];
static void hex(const char *label, XDR *x) {
    unsigned n = xdr_getpos(x);
    printf("%s %u ", label, n);
    for (unsigned i = 0; i < n; i++) printf("%02x", (unsigned char)buf[i]);
    printf("\n");
}
static log_entry entry(void) {
    log_entry e;
    e.user = "alice"; e.operation = "PUBLISH"; e.file_name = "song.mp3";
    e.timestamp = "24/11/2026 21:11:27"; e.sender = "dir-1"; e.sequence = 0x0102030405060708ULL;
    return e;
}
int main(void) {
    XDR x;
    log_entry e = entry();
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
    if (!xdr_log_entry(&x, &e)) return 1; hex("log_entry", &x); xdr_destroy(&x);

    log_entry es[2]; es[0] = entry(); es[1] = entry();
    es[1].user = "bob"; es[1].operation = "LIST_USERS"; es[1].file_name = ""; es[1].sender = ""; es[1].sequence = 2;
    log_batch b; b.entries.entries_len = 2; b.entries.entries_val = es;
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
    if (!xdr_log_batch(&x, &b)) return 2; hex("log_batch", &x); xdr_destroy(&x);

    /* AUTH_SYS body */
    int gids[3] = {100, 27, 4};
    struct authunix_parms ap; ap.aup_time = 0x5f5e100; ap.aup_machname = "peer-host"; ap.aup_uid = 1000; ap.aup_gid = 100; ap.aup_len = 3; ap.aup_gids = (gid_t*)gids;
    char credbody[400]; XDR cx; xdrmem_create(&cx, credbody, sizeof credbody, XDR_ENCODE);
    if (!xdr_authunix_parms(&cx, &ap)) return 3; unsigned credlen = xdr_getpos(&cx);
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
    if (!xdr_authunix_parms(&x, &ap)) return 3; hex("auth_sys_body", &x); xdr_destroy(&x);

    /* CALL with AUTH_SYS cred + AUTH_NONE verf, LOG_ENTRY, args = the entry */
    struct rpc_msg m; memset(&m, 0, sizeof m);
    m.rm_xid = 0x12345678; m.rm_direction = CALL;
    m.rm_call.cb_rpcvers = 2; m.rm_call.cb_prog = P2PSIM_LOG_PROG; m.rm_call.cb_vers = P2PSIM_LOG_VERS; m.rm_call.cb_proc = LOG_ENTRY;
    m.rm_call.cb_cred.oa_flavor = AUTH_SYS; m.rm_call.cb_cred.oa_base = credbody; m.rm_call.cb_cred.oa_length = credlen;
    m.rm_call.cb_verf.oa_flavor = AUTH_NONE; m.rm_call.cb_verf.oa_base = NULL; m.rm_call.cb_verf.oa_length = 0;
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
    if (!xdr_callmsg(&x, &m)) return 4; if (!xdr_log_entry(&x, &e)) return 4; hex("call_auth_sys", &x); xdr_destroy(&x);

    /* CALL NULL proc with AUTH_NONE */
    m.rm_xid = 1; m.rm_call.cb_proc = 0; m.rm_call.cb_cred.oa_flavor = AUTH_NONE; m.rm_call.cb_cred.oa_base = NULL; m.rm_call.cb_cred.oa_length = 0;
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
    if (!xdr_callmsg(&x, &m)) return 5; hex("call_null", &x); xdr_destroy(&x);

    /* REPLIES */
    int result = 0;
    struct rpc_msg r; 
#define ACC(label, st, extra) memset(&r, 0, sizeof r); r.rm_xid = 0x12345678; r.rm_direction = REPLY; r.rm_reply.rp_stat = MSG_ACCEPTED; \
    r.acpted_rply.ar_verf.oa_flavor = AUTH_NONE; r.acpted_rply.ar_stat = st; extra; \
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE); if (!xdr_replymsg(&x, &r)) return 6; hex(label, &x); xdr_destroy(&x);
    ACC("reply_success", SUCCESS, (r.acpted_rply.ar_results.where = (caddr_t)&result, r.acpted_rply.ar_results.proc = (xdrproc_t)xdr_int))
    ACC("reply_prog_unavail", PROG_UNAVAIL, (void)0)
    ACC("reply_prog_mismatch", PROG_MISMATCH, (r.acpted_rply.ar_vers.low = 1, r.acpted_rply.ar_vers.high = 3))
    ACC("reply_proc_unavail", PROC_UNAVAIL, (void)0)
    ACC("reply_garbage_args", GARBAGE_ARGS, (void)0)
    ACC("reply_system_err", SYSTEM_ERR, (void)0)
#define DEN(label, st, extra) memset(&r, 0, sizeof r); r.rm_xid = 0x12345678; r.rm_direction = REPLY; r.rm_reply.rp_stat = MSG_DENIED; \
    r.rjcted_rply.rj_stat = st; extra; \
    xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE); if (!xdr_replymsg(&x, &r)) return 7; hex(label, &x); xdr_destroy(&x);
    DEN("reply_rpc_mismatch", RPC_MISMATCH, (r.rjcted_rply.rj_vers.low = 2, r.rjcted_rply.rj_vers.high = 2))
    DEN("reply_auth_error", AUTH_ERROR, (r.rjcted_rply.rj_why = AUTH_TOOWEAK))
    return 0;
}
