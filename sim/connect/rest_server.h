#pragma once
// Kafka Connect's REST API (Kafka 3.7 RestServer with ConnectorsResource,
// ConnectorPluginsResource and RootResource) over a worker's herder (standalone or distributed): one request in, one
// response out, with Connect's JSON shapes and its error bodies {"error_code":N,"message":...}.
//
//   GET    /                                         {"version","commit","kafka_cluster_id"}
//   GET    /connectors[?expand=status&expand=info]   names, or name → {status, info}
//   POST   /connectors                               {"name","config"[,"initial_state"]} → 201
//   GET    /connectors/{c}                           {"name","config","tasks","type"}
//   GET    /connectors/{c}/config      PUT → 201 created / 200 updated
//   GET    /connectors/{c}/status
//   GET    /connectors/{c}/tasks       GET /connectors/{c}/tasks/{t}/status
//   POST   /connectors/{c}/restart[?includeTasks=true&onlyFailed=true]   204, or 202 with status
//   POST   /connectors/{c}/tasks/{t}/restart        204
//   PUT    /connectors/{c}/pause|resume             202;  PUT .../stop 204;  DELETE 204
//   GET    /connector-plugins                       [{"class","type","version"}]
//   PUT    /connector-plugins/{plugin}/config/validate
//
// Errors as Kafka's ConnectExceptionMapper writes them: the herder's NotFound (404),
// AlreadyExists (409), BadRequest (400); Jersey's own for an unknown path ("HTTP 404 Not
// Found"), a wrong method (405) or a body that is not application/json (415); and anything
// else — a body that is not JSON (Jackson's JsonParseException) or not of the expected shape —
// as 500 with the exception's message.

#include "sim/connect/http_messages.h"

namespace kafkasim {

class Herder;

HttpResponse HandleRestRequest(Herder& herder, const HttpRequest& request);
// An error answer in Connect's shape, {"error_code":N,"message":...} (ConnectExceptionMapper).
HttpResponse RestErrorResponse(int status, const std::string& message);

}  // namespace kafkasim
