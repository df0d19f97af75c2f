#!/usr/bin/env bash
# Runs one scheduled job by name (called by deploy/systemd/techtransfer-job@.service). Unknown names fail loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
case "${1:?job name}" in
  statistics-repair) exec "$PY" manage.py registration_statistics_facts ;;
  clearsessions) exec "$PY" manage.py clearsessions ;;
  axes-reset) exec "$PY" manage.py axes_reset_failure_logs --age 90 ;;
  backup) exec "$PY" manage.py backup --output "${BACKUP_DIR:?set BACKUP_DIR in /etc/techtransfer/env}" ;;
  idle-flags) exec "$PY" manage.py dealflow_flag_idle ;;
  certificates) exec "$PY" manage.py registration_issue_certificates ;;
  challenge-matches) exec "$PY" manage.py challenges_refresh_matches ;;
  deadline-reminders) exec "$PY" manage.py registration_deadline_reminders ;;
  challenge-reminders) exec "$PY" manage.py challenges_deadline_reminders ;;
  deal-reminders) exec "$PY" manage.py dealflow_reminders ;;
  *) echo "unknown job: $1" >&2; exit 2 ;;
esac
