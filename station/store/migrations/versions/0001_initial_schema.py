"""Initial schema: officers, cases and their steps, personal data (sealed), audit chain, outbox.

Revision ID: 0001
Revises: -
Create Date: 2026-11-23 13:54:14.142140
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('chain', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('chain', 'seq', name=op.f('uq_audit_events_chain'))
    )
    op.create_table('audit_heads',
    sa.Column('chain', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('chain', name=op.f('pk_audit_heads'))
    )
    op.create_table('customers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('id_index', sa.String(length=64), nullable=False),
    sa.Column('id_number_enc', sa.LargeBinary(), nullable=False),
    sa.Column('name_enc', sa.LargeBinary(), nullable=False),
    sa.Column('address_enc', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers')),
    sa.UniqueConstraint('id_index', name=op.f('uq_customers_id_index'))
    )
    op.create_table('officers',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('pin_hash', sa.String(length=128), nullable=False),
    sa.Column('slot_salt', sa.LargeBinary(), nullable=False),
    sa.Column('slot_kdf', sa.String(length=64), nullable=False),
    sa.Column('slot_wrapped', sa.LargeBinary(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officers'))
    )
    op.create_table('station_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_station_meta'))
    )
    op.create_table('cases',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('officer_id', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('customer_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_cases_customer_id_customers')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_cases_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    op.create_table('accounts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('customer_id', sa.String(length=36), nullable=True),
    sa.Column('product', sa.String(length=64), nullable=False),
    sa.Column('phone_enc', sa.LargeBinary(), nullable=False),
    sa.Column('address_enc', sa.LargeBinary(), nullable=False),
    sa.Column('account_number_enc', sa.LargeBinary(), nullable=False),
    sa.Column('card_number_enc', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_accounts_case_id_cases')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_accounts_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('case_id', name=op.f('uq_accounts_case_id'))
    )
    op.create_table('case_steps',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('ref_id', sa.String(length=36), nullable=True),
    sa.Column('check_statuses', sa.JSON(), nullable=False),
    sa.Column('checks_enc', sa.LargeBinary(), nullable=True),
    sa.Column('overrides_enc', sa.LargeBinary(), nullable=True),
    sa.Column('completed_by', sa.String(length=32), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_steps_case_id_cases')),
    sa.ForeignKeyConstraint(['completed_by'], ['officers.id'], name=op.f('fk_case_steps_completed_by_officers')),
    sa.PrimaryKeyConstraint('case_id', 'step', name=op.f('pk_case_steps'))
    )
    op.create_table('documents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=128), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('pades_level', sa.String(length=16), nullable=True),
    sa.Column('awaiting_upgrade', sa.Boolean(), nullable=False),
    sa.Column('content_enc', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('case_id', 'kind', name=op.f('uq_documents_case_id'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)

    op.create_table('face_checks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('distance', sa.Double(), nullable=True),
    sa.Column('threshold', sa.Double(), nullable=False),
    sa.Column('model_version', sa.String(length=64), nullable=False),
    sa.Column('calibration', sa.String(length=128), nullable=False),
    sa.Column('liveness', sa.JSON(), nullable=False),
    sa.Column('live_image_enc', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_face_checks_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_face_checks'))
    )
    with op.batch_alter_table('face_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_face_checks_case_id'), ['case_id'], unique=False)

    op.create_table('id_card_reads',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('engine', sa.String(length=32), nullable=False),
    sa.Column('fields_enc', sa.LargeBinary(), nullable=False),
    sa.Column('front_image_enc', sa.LargeBinary(), nullable=True),
    sa.Column('back_image_enc', sa.LargeBinary(), nullable=True),
    sa.Column('portrait_enc', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_id_card_reads_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_id_card_reads'))
    )
    with op.batch_alter_table('id_card_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_id_card_reads_case_id'), ['case_id'], unique=False)

    op.create_table('issued_numbers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_issued_numbers_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_numbers')),
    sa.UniqueConstraint('kind', 'sequence', name=op.f('uq_issued_numbers_kind'))
    )
    op.create_table('loans',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('amount', sa.String(length=24), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('annual_rate', sa.String(length=16), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('apr', sa.String(length=16), nullable=False),
    sa.Column('quote', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_loans_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loans')),
    sa.UniqueConstraint('case_id', name=op.f('uq_loans_case_id'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=True),
    sa.Column('bundle', sa.String(length=128), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_outbox_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_case_id'), ['case_id'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('strokes_enc', sa.LargeBinary(), nullable=False),
    sa.Column('png_enc', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_signatures_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures'))
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatures_case_id'), ['case_id'], unique=False)


    # The audit trail is append-only: the database itself refuses to change or remove an event.
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )


def downgrade() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{verb}")
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatures_case_id'))

    op.drop_table('signatures')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_case_id'))

    op.drop_table('outbox')
    op.drop_table('loans')
    op.drop_table('issued_numbers')
    with op.batch_alter_table('id_card_reads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_id_card_reads_case_id'))

    op.drop_table('id_card_reads')
    with op.batch_alter_table('face_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_face_checks_case_id'))

    op.drop_table('face_checks')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_case_id'))

    op.drop_table('documents')
    op.drop_table('case_steps')
    op.drop_table('accounts')
    op.drop_table('cases')
    op.drop_table('station_meta')
    op.drop_table('officers')
    op.drop_table('customers')
    op.drop_table('audit_heads')
    op.drop_table('audit_events')
