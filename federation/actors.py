"""The actors Candid speaks for and their key pairs, made the first time they are needed."""

from django.db import IntegrityError, transaction

from accounts.models import User
from core.events import event_record
from federation.keys import key_pair_new
from federation.models import LocalActor


def local_actor_for(user: User | None) -> LocalActor:
    """The member's actor (the instance's for None), created with a new key pair the first
    time another server asks for it. Two first requests at once create one."""
    actor = _actor_of(user)
    if actor is not None:
        return actor
    private_pem, public_pem = key_pair_new()
    try:
        with transaction.atomic():
            actor = LocalActor.objects.create(
                user=user,
                is_instance=user is None,
                private_key_pem=private_pem,
                public_key_pem=public_pem,
            )
            event_record(kind="federation.actor_keys_created", actor=user, subject=actor)
    except IntegrityError:
        actor = _actor_of(user)
    return actor


def _actor_of(user: User | None) -> LocalActor | None:
    if user is None:
        return LocalActor.objects.filter(is_instance=True).first()
    return LocalActor.objects.filter(user=user).first()


def instance_actor() -> LocalActor:
    return local_actor_for(None)
