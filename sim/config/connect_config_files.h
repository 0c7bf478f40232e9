#pragma once
// Kafka Connect's sample configuration files as Kafka 3.7 ships them in config/: the standalone
// and distributed workers' settings and the FileStream connectors of the quickstart. Part of the
// virtual filesystem of config_files.h (a real file of the same path wins).

#include <map>
#include <string>

namespace kafkasim {

// Adds config/connect-standalone.properties, config/connect-distributed.properties,
// config/connect-file-source.properties and config/connect-file-sink.properties.
void AddConnectConfigFiles(std::map<std::string, std::string, std::less<>>& files);

}  // namespace kafkasim
