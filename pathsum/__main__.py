from pathsum.cli import run

run()
