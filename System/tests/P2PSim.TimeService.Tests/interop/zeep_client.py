"""Classic-client interop: call the P2PSim time service the way classic Python clients do.

Usage: zeep_client.py WSDL_URL [OPERATION...]   (default: get_datetime get_date get_time)
Prints one line per operation: "<operation> <result>".
"""
import sys

import zeep


def main():
    wsdl = sys.argv[1]
    operations = sys.argv[2:] or ["get_datetime", "get_date", "get_time"]
    client = zeep.Client(wsdl)
    for operation in operations:
        result = getattr(client.service, operation)()
        print(operation, result, flush=True)


if __name__ == "__main__":
    main()
