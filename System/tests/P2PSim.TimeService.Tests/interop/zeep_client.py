"""Classic-client interop: call the P2PSim time service the way classic Python clients do.

Usage: zeep_client.py WSDL_URL [OPERATION...]   (default: every name P2PSim's service answers)
Prints one line per operation: "<operation> <result>".
"""
import sys

import zeep

OPERATIONS = [
    "get_datetime", "get_date", "get_time",
    "get_current_datetime", "get_date_time", "obtener_fecha_hora", "send_date_hour",
]
"""The names classic time services give their one operation (spec, variants)."""


def main():
    wsdl = sys.argv[1]
    operations = sys.argv[2:] or OPERATIONS
    client = zeep.Client(wsdl)
    for operation in operations:
        result = getattr(client.service, operation)()
        print(operation, result, flush=True)


if __name__ == "__main__":
    main()
