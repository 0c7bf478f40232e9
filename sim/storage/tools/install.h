#pragma once
// Puts the storage tools into a session: kafka-dump-log.sh.

namespace kafkasim {

class Session;

void InstallStorage(Session& session);

}  // namespace kafkasim
