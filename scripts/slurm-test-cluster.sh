#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for the tests of `lessonbook submit --slurm`.
#
#   scripts/slurm-test-cluster.sh install   Debian's slurmctld, slurmd, slurm-client, munge
#   scripts/slurm-test-cluster.sh start     munge + slurmctld + slurmd, waits until the node is idle
#   scripts/slurm-test-cluster.sh stop      stops exactly the daemons `start` started (by pid)
#   scripts/slurm-test-cluster.sh status    prints whether the cluster answers
#
# Needs root (or sudo). Works without systemd and without cgroups: it creates the folders
# systemd would create and configures Slurm with plugins that need no cgroup. The scheduler
# runs jobs as soon as they are submitted (no batching delay), so tests wait about a second
# between dependent jobs. The pids of the daemons it starts are kept in $STATE/pids.
set -euo pipefail

STATE=${LESSONBOOK_SLURM_STATE:-/run/lessonbook-slurm}
PARTITION=${LESSONBOOK_SLURM_PARTITION:-debug}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

log() { echo "slurm-test-cluster: $*" >&2; }

install_packages() {
    local missing=()
    for pkg in slurmctld slurmd slurm-client munge; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then log "packages already installed"; return; fi
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The folders systemd's units would create, with the owners munged insists on.
prepare_munge() {
    $SUDO install -d -o munge -g munge -m 0755 /run/munge
    $SUDO install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
    $SUDO install -d -o munge -g munge -m 0711 /var/lib/munge
    if [ ! -s /etc/munge/munge.key ]; then
        $SUDO runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
    fi
    $SUDO chown munge:munge /etc/munge/munge.key
    $SUDO chmod 0400 /etc/munge/munge.key
}

write_config() {
    # The node's CPU layout, as slurmd itself sees it (first line of `slurmd -C`).
    local node
    node=$(slurmd -C | head -n 1 | sed -e 's/^NodeName=[^ ]*//' -e 's/UpTime=.*//')
    $SUDO install -d -m 0755 /etc/slurm /var/spool/slurmd /run/slurm /var/log/slurm
    $SUDO rm -rf /var/spool/slurmctld
    $SUDO install -d -m 0755 /var/spool/slurmctld
    $SUDO tee /etc/slurm/slurm.conf >/dev/null <<EOF
# Written by scripts/slurm-test-cluster.sh: one node on localhost, no cgroups.
ClusterName=lessonbook-test
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 ${node}
PartitionName=${PARTITION} Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

# Starts "$@" in its own session with output to $2's log; prints its pid.
start_daemon() {
    local name=$1; shift
    setsid "$@" >"$STATE/$name.out" 2>&1 < /dev/null &
    echo "$name $!" >>"$STATE/pids"
}

wait_for() {
    local what=$1 tries=$2; shift 2
    for _ in $(seq "$tries"); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    log "$what did not come up; logs in $STATE and /var/log/slurm"
    return 1
}

node_idle() { [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = "idle" ]; }

start() {
    command -v slurmctld >/dev/null || { log "slurmctld not found; run '$0 install' first"; exit 1; }
    if [ -s "$STATE/pids" ]; then log "already started (pids in $STATE/pids); run '$0 stop' first"; exit 1; fi
    $SUDO install -d -m 0755 "$STATE"
    : >"$STATE/pids"
    prepare_munge
    if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
        $SUDO runuser -u munge -- /usr/sbin/munged
        wait_for munged 50 test -s /run/munge/munged.pid
        echo "munged $(cat /run/munge/munged.pid)" >>"$STATE/pids"
        wait_for munge 50 sh -c 'munge -n | unmunge'
    fi
    write_config
    start_daemon slurmctld slurmctld -D -c
    start_daemon slurmd slurmd -D -N localhost
    wait_for "the node" 150 node_idle
    log "one-node cluster up: partition ${PARTITION}, $(sinfo -h -o '%c CPUs')"
}

stop_pid() {
    local name=$1 pid=$2
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "$name ($pid) ignored TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
}

stop() {
    [ -s "$STATE/pids" ] || { log "nothing to stop"; return 0; }
    # slurmd first, then slurmctld, then munged: the reverse of the start order.
    for name in slurmd slurmctld munged; do
        local pid
        pid=$(awk -v n="$name" '$1 == n { print $2 }' "$STATE/pids")
        [ -n "$pid" ] && stop_pid "$name" "$pid"
    done
    rm -f "$STATE/pids"
    log "stopped"
}

case "${1:-}" in
    install) install_packages ;;
    start) start ;;
    stop) stop ;;
    status) sinfo -h -o '%P %a %D %T %c' ;;
    *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
