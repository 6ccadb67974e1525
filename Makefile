# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install messages bench bench-notifications bench-signing bench-zip bench-applications clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	mkdir -p var
	scripts/install-axe.sh
	$(BIN)/python -m pytest

# Re-extract the Russian catalogue after changing strings, then translate and compile it.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale ru --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'
	$(BIN)/python manage.py makemessages --locale ru --domain djangojs --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --locale ru --ignore '.venv/*'

bench-notifications: $(STAMP)
	$(BIN)/python bench/notifications.py

bench-signing: $(STAMP)
	$(BIN)/python bench/signing.py

bench-zip: $(STAMP)
	$(BIN)/python bench/zip_memory.py

bench-applications: $(STAMP)
	$(BIN)/python bench/applications.py

bench: bench-notifications bench-signing bench-zip bench-applications

clean:
	rm -rf var/test-portal.sqlite3 var/static .pytest_cache
