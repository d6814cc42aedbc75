# The bot, small and non-root. Build with --build-arg WITH_FONTS=1 to add the CJK fonts and LibreOffice
# used for the render check (not needed to run the bot: the chair's Word opens the DOCX with its own fonts).
FROM python:3.11-slim

ARG WITH_FONTS=0
RUN if [ "$WITH_FONTS" = "1" ]; then \
        apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk libreoffice-writer-nogui \
        && rm -rf /var/lib/apt/lists/*; \
    fi

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY storage ./storage
COPY templates ./templates
RUN pip install . && useradd --create-home --uid 10001 bot && mkdir -p /data && chown bot /data

USER bot
WORKDIR /data
ENV DATABASE_URL=sqlite+aiosqlite:////data/union_summary.db OUTPUT_DIR=/data/output
EXPOSE 8443 8081
# `run` applies the migrations, then serves Telegram (polling, or webhook when WEBHOOK_URL is set).
CMD ["union-summary", "run"]
