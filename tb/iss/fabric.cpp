#include "iss/fabric.h"

#include <stdexcept>
#include <string>

namespace wse::iss {

void QueueFabric::Push(unsigned color, uint32_t data) {
  if (color >= queues_.size()) queues_.resize(color + 1);
  queues_[color].push_back(data);
}

size_t QueueFabric::Pending(unsigned color) const {
  return color < queues_.size() ? queues_[color].size() : 0;
}

uint32_t QueueFabric::Receive(unsigned color) {
  // The ISS checks Available first; reaching this empty is a model bug.
  if (Pending(color) == 0) {
    throw std::logic_error("QueueFabric::Receive: no wavelet on color " + std::to_string(color));
  }
  const uint32_t data = queues_[color].front();
  queues_[color].pop_front();
  return data;
}

void QueueFabric::Send(unsigned color, uint32_t data) {
  sent_.push_back({color, data});
  if (loopback_) Push(color, data);
}

}  // namespace wse::iss
