"""Settings for every part of the service, read once from the environment."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev"})


class Settings(BaseSettings):
    """Runtime configuration; `PROVNOTES_*` variables (and `DATABASE_URL`) override defaults."""

    model_config = SettingsConfigDict(env_prefix="PROVNOTES_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="sqlite:///./provnotes.db",
        validation_alias=AliasChoices("DATABASE_URL", "PROVNOTES_DATABASE_URL"),
    )
    token_pepper: str = Field(default="change-me", description="HMAC key for API token hashes")
    seed_dir: Path | None = Field(default=None, description="seed an empty database from here")
    matcher_poll_seconds: float = Field(default=2.0, gt=0)
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    max_blocks: int = Field(default=500, gt=0)
    max_chars: int = Field(default=200_000, gt=0)
    request_log: Path | None = Field(default=None, description="append one line per request")
    public_base_url: str = "http://127.0.0.1:8000"
    corrections_per_hour: int = Field(default=20, gt=0)
    max_correction_bytes: int = Field(default=16_384, gt=0)
    feedback_per_hour: int = Field(default=30, gt=0)
    max_feedback_bytes: int = Field(default=4_096, gt=0)
    replies_per_hour: int = Field(default=5, gt=0)
    # Ten times today's whole dataset; a bigger import is refused with 413 as it arrives. A body
    # is spooled to disk and read record by record, so an import takes about 2-3x its size.
    max_import_bytes: int = Field(default=16_000_000, gt=0)
    audit_denials_per_minute: int = Field(
        default=10, gt=0, description="refused requests audited in full per client and minute"
    )
    db_deadline_seconds: float = Field(
        default=1.5, gt=0, description="PostgreSQL: longest wait for a connection or statement"
    )
    trusted_proxies: list[str] = Field(
        default=[], description="proxy addresses or networks whose X-Forwarded-For is believed"
    )
    admin_cors_origins: list[str] = Field(
        default=[], description="browser origins allowed to call /admin (none by default)"
    )

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "Settings":
        if self.environment == "production" and self.token_pepper in PLACEHOLDER_SECRETS:
            raise ValueError(
                "PROVNOTES_TOKEN_PEPPER must be set to a real secret in production "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings."""
    return Settings()
