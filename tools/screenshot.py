#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshot pages of a running Odoo as a logged-in user, in headless Chromium.

    python3 tools/screenshot.py --url http://127.0.0.1:8069 --db service_quality_demo \
        --login admin --password admin --lang zh_CN \
        /odoo/action-service_quality.service_complaint_action=complaints.png \
        /odoo/action-service_quality.service_complaint_action/5=form.png

Each argument is PATH=FILE. It logs in through /web/session/authenticate,
hands the session cookie to Chromium over the DevTools protocol, opens each
page, waits until the web client is idle, and saves a PNG. Needs `requests`
and `websocket-client` (both in Odoo's venv) and Debian's `chromium`.
"""

import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import requests
import websocket


def login(base, db, user, password, lang):
    session = requests.Session()
    response = session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": db, "login": user, "password": password}},
        timeout=60,
    )
    response.raise_for_status()
    result = response.json()
    if result.get("error"):
        raise SystemExit(f"login failed: {result['error']['data']['message']}")
    if lang:
        session.post(
            f"{base}/web/dataset/call_kw/res.users/write",
            json={
                "params": {
                    "model": "res.users",
                    "method": "write",
                    "args": [[result["result"]["uid"]], {"lang": lang}],
                    "kwargs": {},
                }
            },
            timeout=60,
        ).raise_for_status()
    return session.cookies.get("session_id")


class Chrome:
    def __init__(self, width, height):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit("chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="sq-shot-")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _attempt in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(
            json.dumps({"id": self.counter, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


READY_JS = """
(() => {
    const busy = document.querySelector(
        '.o_loading_indicator, .o-main-components-container .o_blockUI');
    const main = document.querySelector(
        '.o_action_manager .o_view_controller, .o_portal, #wrap, .o_action');
    return !!main && !busy;
})()
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--lang", help="set the user's language first, e.g. zh_CN")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=1.5, help="extra seconds")
    parser.add_argument("--anonymous", action="store_true", help="do not log in")
    parser.add_argument("pages", nargs="+", help="PATH=FILE")
    args = parser.parse_args()

    base = args.url.rstrip("/")
    cookie = (
        None
        if args.anonymous
        else login(base, args.db, args.login, args.password, args.lang)
    )
    chrome = Chrome(args.width, args.height)
    try:
        chrome.call("Page.enable")
        chrome.call("Network.enable")
        if cookie:
            chrome.call(
                "Network.setCookie",
                name="session_id",
                value=cookie,
                domain=urlparse(base).hostname,
                path="/",
            )
        for spec in args.pages:
            path, _sep, target = spec.rpartition("=")  # a path may hold "="
            chrome.call("Page.navigate", url=base + path)
            deadline = time.time() + 30
            time.sleep(1)
            while time.time() < deadline and not chrome.evaluate(READY_JS):
                time.sleep(0.3)
            time.sleep(args.wait)
            shot = chrome.call("Page.captureScreenshot", format="png")
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_bytes(base64.b64decode(shot["data"]))
            print(f"{path} -> {target}")
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
