/*
 * A classic system's own log server, built by rpcgen from Fixtures/rpc/classic_log.x: another program number and
 * argument shape than P2PSim's. It prints "<user> <OPERATION> <datetime>" per call. TCP on 127.0.0.1, a given port
 * (0 picks one), without rpcbind. First stdout line: "READY <port>". Built by Fixtures/rpc/build.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <rpc/rpc.h>
#include "classic_log.h"

extern void classic_log_prog_1(struct svc_req *, SVCXPRT *);

void *log_operation_1_svc(classic_log_args *args, struct svc_req *request)
{
    static char nothing;
    (void)request;
    printf("%s %s %s\n", args->user, args->operation, args->datetime);
    fflush(stdout);
    return &nothing;
}

int classic_log_prog_1_freeresult(SVCXPRT *transport, xdrproc_t proc, caddr_t result)
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
    if (transport == NULL || !svc_register(transport, CLASSIC_LOG_PROG, CLASSIC_LOG_VERS, classic_log_prog_1, 0)) {
        fprintf(stderr, "classic_log_server: cannot register the service\n");
        return 1;
    }
    printf("READY %d\n", ntohs(address.sin_port));
    fflush(stdout);
    svc_run();
    return 0;
}
