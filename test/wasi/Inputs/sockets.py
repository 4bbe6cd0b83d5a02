"""The host side of sockets.c: hands the guest a socket and talks to it.

    sockets.py pair|listen|tcplisten GUEST.wasm
"""

import socket
import subprocess
import sys
import time


def run(args, pass_fds=()):
    return subprocess.Popen(["wasm2native", "run"] + args, pass_fds=pass_fds,
                            stdout=sys.stdout)


def read_all(s):
    data = b""
    while True:
        chunk = s.recv(100)
        if not chunk:
            return data.decode()
        data += chunk


def main():
    mode, wasm = sys.argv[1], sys.argv[2]
    sys.stdout.flush()
    if mode == "pair":
        host, guest = socket.socketpair()
        p = run(["--socket-fd", str(guest.fileno()), wasm, "pair"],
                pass_fds=[guest.fileno()])
        guest.close()
        host.sendall(b"ping")
        reply = host.recv(9, socket.MSG_WAITALL).decode()
        host.sendall(b"more")
        host.shutdown(socket.SHUT_WR)
        rest = read_all(host)
        status = p.wait()
        print("host: got '%s' then %s" % (reply, "EOF" if rest == "" else rest))
        return status

    if mode == "listen":
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lsock.bind(("127.0.0.1", 0))
        lsock.listen(1)
        port = lsock.getsockname()[1]
        p = run(["--socket-fd", str(lsock.fileno()), wasm, "accept"],
                pass_fds=[lsock.fileno()])
        lsock.close()
    else:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        p = run(["--tcplisten", "127.0.0.1:%d" % port, wasm, "accept"])

    for _ in range(200):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            break
        except OSError:
            time.sleep(0.05)
    else:
        print("host: cannot connect")
        return 1
    c.sendall(b"hello")
    reply = read_all(c)
    status = p.wait()
    print("host: got '%s' then EOF" % reply)
    return status


if __name__ == "__main__":
    sys.exit(main())
