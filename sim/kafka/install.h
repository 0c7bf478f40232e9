#pragma once
// Puts the whole Kafka system into a session: every part's commands (its tools by their real
// names) and its `expect` queries. The command line, the visualizer and the tests call this once
// per session; a part that is not built yet has nothing to install.

namespace kafkasim {

class Session;

void InstallKafka(Session& session);

}  // namespace kafkasim
