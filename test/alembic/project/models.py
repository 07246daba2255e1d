"""The schema at head as an application's SQLAlchemy models would declare it."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "user",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("email", sa.String(100), nullable=False),
    sa.Column("name", sa.Text()),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    sa.UniqueConstraint("email", name="uq_user_email"),
    sa.Index("ix_user_name", "name"),
)

sa.Table(
    "post",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("order", sa.Integer()),
    sa.Column("score", sa.Integer(), nullable=False, server_default=sa.text("0")),
    sa.ForeignKeyConstraint(["user_id"], ["user.id"], name="fk_post_user", ondelete="CASCADE"),
    sa.Index("ix_post_score", "score"),
)
