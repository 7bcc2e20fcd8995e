"""irctest controller for chatd: how irctest starts the server under test.

Copied from ../shared/irctest and owned by the project since; run through
tests/irctest/run.sh (make check-irctest), which sets CHATD_BIN and the
capabilities chatd claims. It starts chatd with its built-in defaults and
only what irctest needs set with -o: no default room, no flood limits on
loopback (the suite sends bursts), an operator, the server password.
"""
import crypt
import os
import shutil
import subprocess
import time
from typing import Optional, Set, Type

from irctest import cases, patma
from irctest.basecontrollers import BaseServerController, DirectoryBasedController
from irctest.runner import NotImplementedByController
from irctest.specifications import Capabilities, OptionalBehaviors

CHATD_BIN = os.environ.get("CHATD_BIN", "chatd")
# Comma-separated IRCv3 caps chatd *claims* (a CAP NAK for a claimed cap makes
# a test FAIL instead of skip). Grow this as features land.
CLAIMED_CAPS = os.environ.get("CHATD_CAPS", "")
# Set CHATD_ACCOUNTS=1 once chatd implements draft/account-registration (REGISTER).
HAS_ACCOUNTS = os.environ.get("CHATD_ACCOUNTS", "0") == "1"
# Set CHATD_DB=1 once chatd keeps state in a database file (option db=).
HAS_DB = os.environ.get("CHATD_DB", "0") == "1"


def _known_caps(names: str):
    """The claimed caps that irctest has a name for (it ignores the rest)."""
    for name in names.split(","):
        try:
            yield Capabilities.from_name(name.strip())
        except ValueError:
            pass


class ChatdController(BaseServerController, DirectoryBasedController):
    software_name = "chatd"
    _port_wait_interval = 0.01
    supports_sts = False
    supported_sasl_mechanisms: Set[str] = (
        {"PLAIN", "SCRAM-SHA-256"} if HAS_ACCOUNTS else set()
    )
    nickserv = "NickServ"  # only used by the generic services path; unused here
    capabilities = frozenset(_known_caps(CLAIMED_CAPS))
    optional_behaviors: frozenset = frozenset()  # e.g. OptionalBehaviors.MULTI_JOIN
    # What chatd says in 005 (man chatd.8), checked by isupport testValues:
    # fixed values as they are, the configurable ones by their form.
    isupport: dict = {
        "BOT": "B",
        "CASEMAPPING": "ascii",
        "CHANMODES": "beI,k,l,Cimnrst",
        "CHANTYPES": "#",
        "CHATHISTORY": patma.StrRe("[0-9]+"),
        "ELIST": "CMNTU",
        "EXCEPTS": "e",
        "EXTBAN": ",am",
        "INVEX": "I",
        "MONITOR": patma.StrRe("[0-9]+"),
        "MSGREFTYPES": "msgid,timestamp",
        "NICKLEN": patma.StrRe("[0-9]+"),
        "PREFIX": "(ov)@+",
        "STATUSMSG": "@+",
        "TARGMAX": patma.ANYSTR,
        "UTF8ONLY": None,
        "WHOX": None,
    }
    extban_mute_char = "m"  # +b m:MASK mutes (ISUPPORT EXTBAN=,am)

    def run(
        self,
        hostname: str,
        port: int,
        *,
        password: Optional[str],
        ssl: bool,
        run_services: bool,
        faketime: Optional[str],
        websocket_hostname: Optional[str],
        websocket_port: Optional[int],
    ) -> None:
        if ssl:
            raise NotImplementedByController("TLS")
        if run_services and not HAS_ACCOUNTS:
            raise NotImplementedByController("accounts/services")
        assert self.proc is None
        self.hostname = hostname
        self.port = port
        self.create_config()  # makes self.directory (a fresh temp dir)
        assert self.directory
        # DESIGN.md's command line: built-in defaults, each option set with -o.
        oper_hash = crypt.crypt("operpassword", crypt.mksalt(crypt.METHOD_SHA512))
        args = [
            CHATD_BIN,
            "--listen", f"{hostname}:{port}",
            "--name", "My.Little.Server",
            "-o", "description=test server",  # LINKS and WHOIS show it
            "-o", "autojoin=",            # irctest expects no channel after registration
            "-o", "exempt=127.0.0.0/8",   # no flood or connection limits on loopback
            "-o", f"oper=operuser {oper_hash}",
        ]
        if password is not None:
            args += ["-o", f"password={password}"]
        if websocket_port is not None:
            # The HTTP listener: WebSocket with the IRCv3 subprotocols.
            args += ["-o", f"http-listen={websocket_hostname or hostname}:{websocket_port}"]
        if HAS_DB:
            args += ["-o", f"db={self.directory / 'chatd.db'}"]
        if HAS_ACCOUNTS:
            config = self.test_config
            if config.account_registration_requires_email:
                # Codes are mailed through email-command; irctest reads
                # none, so the mail goes nowhere.
                args += ["-o", "email-command=cat > /dev/null"]
            args += ["-o", "registration=" + (
                "before-connect" if config.account_registration_before_connect
                else "after-connect")]
        faketime_cmd = []
        if faketime and shutil.which("faketime"):
            faketime_cmd = ["faketime", "-f", faketime]
            self.faketime_enabled = True
        self.proc = self.execute([*faketime_cmd, *args])

    def kill_proc(self) -> None:
        pgid = self.proc.pid if self.proc else None
        super().kill_proc()
        # Under faketime, chatd is faketime's child and may outlive it a
        # moment, closing its db: wait for the whole process group, so
        # that irctest removes the directory after chatd is gone.
        deadline = time.time() + 5
        while pgid is not None and time.time() < deadline:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)

    def wait_for_services(self) -> None:
        pass  # accounts are built in; nothing separate to wait for

    def registerUser(
        self,
        case: cases.BaseServerTestCase,
        username: str,
        password: Optional[str] = None,
    ) -> None:
        if not HAS_ACCOUNTS:
            raise NotImplementedByController("account registration")
        assert password
        if len(password) > 400:
            # Too long for a REGISTER line: chatd --account, against the
            # running server's db, which it reads again within 2 seconds.
            assert self.directory
            self.wait_for_port()  # chatd has made its db
            done = subprocess.run(
                [CHATD_BIN, "-o", f"db={self.directory / 'chatd.db'}",
                 "--account", "add", username],
                input=password + "\n", text=True, capture_output=True)
            assert done.returncode == 0, done.stderr
            time.sleep(3)
            return
        client = case.addClient(show_io=False)
        case.sendLine(client, "CAP LS 302")
        case.sendLine(client, "CAP REQ :draft/account-registration")
        case.sendLine(client, "NICK " + username)
        case.sendLine(client, "USER r e g :user")
        case.sendLine(client, "CAP END")
        while case.getRegistrationMessage(client).command != "001":
            pass
        case.getMessages(client)
        case.sendLine(client, f"REGISTER {username} * {password}")
        msgs = case.getMessages(client)
        assert any(
            m.command == "REGISTER" and m.params[:1] == ["SUCCESS"] for m in msgs
        ), msgs
        case.sendLine(client, "QUIT")
        case.assertDisconnected(client)


def get_irctest_controller_class() -> Type[ChatdController]:
    return ChatdController
