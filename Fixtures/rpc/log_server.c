/*
 * A classic ONC-RPC log server, as classic P2P systems wrote them: rpcgen's dispatch routine for
 * System/P2PSim.Rpc/p2psim_log.x plus these procedure bodies. It prints the classic line per entry,
 * "<user> <OPERATION>[ <file>] <DD/MM/YYYY HH:MM:SS>", so tests can check that `p2psim server` logs to it.
 * TCP on 127.0.0.1, a given port (0 picks one), without rpcbind (svc_register with protocol 0).
 * First stdout line: "READY <port>". Built by Fixtures/rpc/build.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <rpc/rpc.h>
#include "p2psim_log.h"

extern void p2psim_log_prog_1(struct svc_req *, SVCXPRT *);

static void print_entry(const log_entry *e)
{
    if (e->file_name[0] != '\0')
        printf("%s %s %s %s\n", e->user, e->operation, e->file_name, e->timestamp);
    else
        printf("%s %s %s\n", e->user, e->operation, e->timestamp);
    fflush(stdout);
}

int *log_entry_1_svc(log_entry *entry, struct svc_req *request)
{
    static int status;
    (void)request;
    print_entry(entry);
    status = P2PSIM_LOG_OK;
    return &status;
}

int *log_batch_1_svc(log_batch *batch, struct svc_req *request)
{
    static int accepted;
    (void)request;
    for (unsigned i = 0; i < batch->entries.entries_len; i++)
        print_entry(&batch->entries.entries_val[i]);
    accepted = (int)batch->entries.entries_len;
    return &accepted;
}

void *p2psim_log_null_1_svc(void *argument, struct svc_req *request)
{
    static char nothing;
    (void)argument;
    (void)request;
    return &nothing;
}

int p2psim_log_prog_1_freeresult(SVCXPRT *transport, xdrproc_t proc, caddr_t result)
{
    (void)transport;
    xdr_free(proc, result);
    return 1;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("bind");
        return 1;
    }
    socklen_t length = sizeof address;
    getsockname(s, (struct sockaddr *)&address, &length);
    listen(s, 64);
    SVCXPRT *transport = svctcp_create(s, 0, 0);
    if (transport == NULL || !svc_register(transport, P2PSIM_LOG_PROG, P2PSIM_LOG_VERS, p2psim_log_prog_1, 0)) {
        fprintf(stderr, "log_server: cannot register the service\n");
        return 1;
    }
    printf("READY %d\n", ntohs(address.sin_port));
    fflush(stdout);
    svc_run();
    return 0;
}
