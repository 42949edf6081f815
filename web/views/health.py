from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """200 when the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
