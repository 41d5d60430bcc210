"""What the health check reads."""

# The worker writes an ISO timestamp here every minute (kompass.jobs.tasks.heartbeat); the health check
# reports the worker as down when it is missing or old.
WORKER_HEARTBEAT_KEY = "kompass:worker:heartbeat"
