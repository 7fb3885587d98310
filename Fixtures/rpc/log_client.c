/*
 * A classic ONC-RPC log client built with rpcgen from System/P2PSim.Rpc/p2psim_log.x: it calls NULL, LOG_ENTRY
 * and LOG_BATCH (two entries) on a log server at 127.0.0.1:<port>, over tcp or udp, without rpcbind.
 * Usage: log_client <port> tcp|udp <sender> <first-sequence>
 * Prints "OK" and exits 0 when every call succeeds with the expected result. Built by Fixtures/rpc/build.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <rpc/rpc.h>
#include "p2psim_log.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: log_client <port> tcp|udp <sender> <first-sequence>\n");
        return 2;
    }
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(atoi(argv[1]));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int sock = RPC_ANYSOCK;
    struct timeval wait = {5, 0};
    CLIENT *client = strcmp(argv[2], "udp") == 0
        ? clntudp_create(&address, P2PSIM_LOG_PROG, P2PSIM_LOG_VERS, wait, &sock)
        : clnttcp_create(&address, P2PSIM_LOG_PROG, P2PSIM_LOG_VERS, &sock, 0, 0);
    if (client == NULL) {
        clnt_pcreateerror("log_client");
        return 1;
    }
    unsigned long long sequence = strtoull(argv[4], NULL, 10);

    if (p2psim_log_null_1(NULL, client) == NULL) {
        clnt_perror(client, "NULL");
        return 1;
    }

    log_entry entry = {"alice", "PUBLISH", "song.mp3", "24/11/2026 21:30:00", argv[3], sequence};
    int *status = log_entry_1(&entry, client);
    if (status == NULL || *status != P2PSIM_LOG_OK) {
        clnt_perror(client, "LOG_ENTRY");
        return 1;
    }

    log_entry entries[2] = {
        {"bob", "REGISTER", "", "24/11/2026 21:30:01", argv[3], sequence + 1},
        {"bob", "LIST_USERS", "", "24/11/2026 21:30:02", argv[3], sequence + 2},
    };
    log_batch batch;
    batch.entries.entries_len = 2;
    batch.entries.entries_val = entries;
    int *accepted = log_batch_1(&batch, client);
    if (accepted == NULL || *accepted != 2) {
        clnt_perror(client, "LOG_BATCH");
        return 1;
    }

    clnt_destroy(client);
    printf("OK\n");
    return 0;
}
