#!/bin/sh
# Advertises this container's own address to the other silos unless one is given (Kubernetes passes the
# pod IP through the downward API): the default, 127.0.0.1, is reachable only from inside the container.
# Then replaces itself with the silo, so that the silo is PID 1 and receives SIGTERM.
set -eu
if [ -z "${Reminders__Cluster__AdvertisedAddress:-}" ]; then
  # getent ships with libc; it prints "address name [aliases]" for the container's own host name.
  address=$(getent hosts "$(cat /etc/hostname)" | { read -r first _ && echo "$first"; })
  [ -n "$address" ] || { echo "reminders-entrypoint: cannot find this container's address; set Reminders__Cluster__AdvertisedAddress" >&2; exit 1; }
  export Reminders__Cluster__AdvertisedAddress="$address"
fi
exec "$@"
