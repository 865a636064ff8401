from pathsum.cli import main

main(prog_name="pathsum")
