from ninja import NinjaAPI

api = NinjaAPI(title="Candid API", version="1", urls_namespace="api")
