from .cli import run

if __name__ == "__main__":      # not when a process careboard starts (report/files.py) imports it again
    run()
