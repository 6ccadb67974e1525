# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
# Each installs the Debian packages it needs (scripts/system-deps.sh, as root) and the pinned Python
# packages (requirements.txt for the portal, requirements-dev.txt adds the test and development tools).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# A throwaway production profile for `check --deploy`: what a real deployment must set, nothing secret.
DEPLOY_ENV := DEBUG=false SECRET_KEY=check-deploy-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))') \
	ALLOWED_HOSTS=portal.example.ru SITE_URL=https://portal.example.ru CSRF_TRUSTED_ORIGINS=https://portal.example.ru \
	EMAIL_URL=smtp://mail.example.ru:587?tls=true

.PHONY: run test test-redis-cache test-s3 lint check ci-checks install install-dev system-deps-run system-deps-test system-deps-bench \
	requirements messages bench bench-notifications bench-signing bench-zip bench-applications bench-instructions bench-faults bench-gar bench-receipt clean

system-deps-run:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

system-deps-bench:
	@scripts/system-deps.sh bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $(RUN_STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(RUN_STAMP) $(DEV_STAMP)

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

run: system-deps-run $(RUN_STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The test session starts its own services (a private redis-server on a free port); PostgreSQL when
# DATABASE_URL names one, SQLite in a temporary folder otherwise.
test: system-deps-test $(DEV_STAMP)
	scripts/install-axe.sh
	$(BIN)/python -m pytest

# The applicant, account and browser tests once more as production runs them: Redis as the cache too
# (sessions, the logged-in user and the page cache), on a private redis-server.
test-redis-cache: system-deps-test $(DEV_STAMP)
	scripts/install-axe.sh
	scripts/with-redis.sh $(BIN)/python -m pytest -q applications accounts portal tests/browser

# The upload, download, ZIP and signature tests once more with every file in a bucket of the session's own
# SeaweedFS (S3 with SigV4 on loopback; portal/testing/s3.py), as production stores them.
test-s3: system-deps-test $(DEV_STAMP)
	TEST_STORAGE=s3 $(BIN)/python -m pytest -q portal/tests/test_storage.py applications/tests/test_views.py \
		applications/tests/test_signing.py appeals/tests/test_views.py \
		--deselect portal/tests/test_storage.py::test_move_files_to_bucket_copies_verifies_and_can_run_again \
		--deselect portal/tests/test_storage.py::test_move_files_to_bucket_refuses_without_s3
# (The two deselected tests move files from the default local storage into a bucket: `make test` runs them.)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Everything CI checks besides the tests: lint, import contracts, migrations, the deployment checklist.
check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

# Re-pin after changing pyproject.toml's dependencies (keeps existing pins; add --upgrade to move them).
requirements: $(DEV_STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml

# Re-extract the Russian catalogue after changing strings, then translate and compile it.
messages: $(DEV_STAMP)
	$(BIN)/python manage.py makemessages --locale ru --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'
	$(BIN)/python manage.py makemessages --locale ru --domain djangojs --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --locale ru --ignore '.venv/*'

bench-notifications: system-deps-test $(DEV_STAMP)
	$(BIN)/python bench/notifications.py

bench-signing: system-deps-test $(DEV_STAMP)
	$(BIN)/python bench/signing.py

bench-zip: system-deps-test $(DEV_STAMP)
	$(BIN)/python bench/zip_memory.py
	$(BIN)/python bench/zip_memory.py --s3

bench-applications: system-deps-bench $(DEV_STAMP)
	$(BIN)/python bench/applications.py

# Instructions per request of the same pages (valgrind; needs the database bench/applications.py --fill-only keeps).
bench-instructions: system-deps-bench $(DEV_STAMP)
	$(BIN)/python bench/instructions.py

# Redis stopped for 60 s and a worker killed twice while 2,000 notifications go out (bench/faults.py).
bench-faults: system-deps-test $(DEV_STAMP)
	$(BIN)/python bench/faults.py

bench-gar: $(DEV_STAMP)
	$(BIN)/python bench/gar.py

bench-receipt: system-deps-run $(DEV_STAMP)
	$(BIN)/python bench/receipt.py

bench: bench-notifications bench-signing bench-zip bench-applications bench-faults bench-gar bench-receipt

clean:
	rm -rf var/static .pytest_cache
