#!/usr/bin/env python3
"""A stand-in for the desktop's notification service (org.freedesktop.Notifications) on the
session bus, for tests: every Notify call is appended to LOG as one JSON line, and when
--invoke ACTION is given, the service answers each notification offering ACTION by emitting
ActionInvoked for it, as if the user had clicked that button."""
import argparse
import json

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Notifications(dbus.service.Object):
    def __init__(self, bus, log, invoke):
        super().__init__(bus, PATH)
        self.log, self.invoke, self.next_id = log, invoke, 1

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("candor-test", "candor", "1.0", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = self.next_id
        self.next_id += 1
        with open(self.log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": nid, "app": str(app), "summary": str(summary), "body": str(body),
                                "actions": [str(a) for a in actions]}) + "\n")
        if self.invoke and self.invoke in [str(a) for a in actions[0::2]]:
            GLib.timeout_add(100, lambda: (self.ActionInvoked(nid, self.invoke), False)[1])
        return nid

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, 3)

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, nid, key):
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--invoke", default="")
    args = parser.parse_args()
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    service = Notifications(bus, args.log, args.invoke)
    open(args.log + ".ready", "w").close()
    GLib.MainLoop().run()
    del name, service


if __name__ == "__main__":
    main()
