#!/usr/bin/env bash
# Builds the classic C peers of the log service from the repository's interface file, as a classic system would:
# rpcgen generates the header, the XDR routines, the client stubs and the server dispatch; gcc links libtirpc.
# Usage: Fixtures/rpc/build.sh OUTDIR   (needs Debian's rpcsvc-proto and libtirpc-dev; ci/setup.sh installs them)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
mkdir -p "$out"
cp "$here/../../System/P2PSim.Rpc/p2psim_log.x" "$here/classic_log.x" "$out/"
cd "$out"
rpcgen -h p2psim_log.x -o p2psim_log.h
rpcgen -c p2psim_log.x -o p2psim_log_xdr.c
rpcgen -l p2psim_log.x -o p2psim_log_clnt.c
rpcgen -m p2psim_log.x -o p2psim_log_svc.c
flags=(-O1 -Wall -I/usr/include/tirpc -I.)
gcc "${flags[@]}" -o log_client "$here/log_client.c" p2psim_log_clnt.c p2psim_log_xdr.c -ltirpc
gcc "${flags[@]}" -o log_server "$here/log_server.c" p2psim_log_svc.c p2psim_log_xdr.c -ltirpc
# Another system's log server (its own program number and argument shape), for what `p2psim server` reports.
rpcgen -h classic_log.x -o classic_log.h
rpcgen -c classic_log.x -o classic_log_xdr.c
rpcgen -m classic_log.x -o classic_log_svc.c
gcc "${flags[@]}" -o classic_log_server "$here/classic_log_server.c" classic_log_svc.c classic_log_xdr.c -ltirpc
echo "$out/log_client $out/log_server $out/classic_log_server"
