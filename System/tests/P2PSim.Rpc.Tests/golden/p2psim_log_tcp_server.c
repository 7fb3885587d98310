/*
 * A libtirpc TCP server for P2PSIM_LOG_PROG on a fixed loopback port, without rpcbind: the rpcgen dispatch routine
 * (rpcgen -m) registered with svc_register(..., protocol 0). Used by hand to check the C# codecs against libtirpc
 * over a real socket (NULL, LOG_ENTRY with AUTH_SYS in 5-byte fragments, LOG_BATCH, PROC_UNAVAIL, GARBAGE_ARGS
 * all answered correctly). Not part of the build. In a scratch directory:
 *     rpcgen -h p2psim_log.x > p2psim_log.h && rpcgen -c p2psim_log.x > p2psim_log_xdr.c && rpcgen -m p2psim_log.x > dispatch.c
 *     gcc -I/usr/include/tirpc -o logsrv p2psim_log_tcp_server.c dispatch.c p2psim_log_xdr.c -ltirpc && ./logsrv 40105
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <rpc/rpc.h>
#include "p2psim_log.h"
extern void p2psim_log_prog_1(struct svc_req *, SVCXPRT *);
static int status; static int accepted;
int *log_entry_1_svc(log_entry *e, struct svc_req *rq) {
    printf("ENTRY %s %s %s %s %s %llu flavor=%d\n", e->user, e->operation, e->file_name, e->timestamp, e->sender,
           (unsigned long long)e->sequence, rq->rq_cred.oa_flavor);
    fflush(stdout); status = 0; return &status;
}
int *log_batch_1_svc(log_batch *b, struct svc_req *rq) {
    (void)rq; for (unsigned i = 0; i < b->entries.entries_len; i++) printf("BATCH %s %llu\n", b->entries.entries_val[i].user, (unsigned long long)b->entries.entries_val[i].sequence);
    fflush(stdout); accepted = (int)b->entries.entries_len; return &accepted;
}
void *p2psim_log_null_1_svc(void *a, struct svc_req *rq) { (void)a; (void)rq; static char c; return &c; }
int p2psim_log_prog_1_freeresult(SVCXPRT *t, xdrproc_t x, caddr_t r) { (void)t; xdr_free(x, r); return 1; }
int main(int argc, char **argv) {
    int port = atoi(argv[1]);
    int s = socket(AF_INET, SOCK_STREAM, 0); int one = 1; setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a; memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_port = htons(port); a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&a, sizeof a)) { perror("bind"); return 1; }
    listen(s, 16); SVCXPRT *t = svctcp_create(s, 0, 0);
    if (!t || !svc_register(t, P2PSIM_LOG_PROG, P2PSIM_LOG_VERS, p2psim_log_prog_1, 0)) { fprintf(stderr, "register failed\n"); return 1; }
    printf("READY %d\n", port); fflush(stdout); svc_run(); return 0;
}
