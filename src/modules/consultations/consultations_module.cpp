#include "modules/consultations/consultations_module.hpp"

#include "modules/consultations/availability.hpp"

namespace kiorex::consultations {

// dashboard.cpp: the home pages' extra reads (provider counts and preview, recent prescriptions). Declared here,
// not in parts.hpp, because nothing else calls it.
void register_dashboard_routes(http::Router& r, Deps& d);

ConsultationsModule::ConsultationsModule(Context& ctx, security::DataKeys& keys, users::AccessPolicy& policy,
                                         storage::FileStore& files)
    : deps_{ctx, keys, policy, files} {
  register_booking_care_source(deps_);
}

ConsultationsModule::~ConsultationsModule() = default;  // stops the refresher first (it uses deps_)

void ConsultationsModule::start_background() {
  if (!refresher_) refresher_ = std::make_unique<AvailabilityRefresher>(deps_);
  refresher_->start();
}

void ConsultationsModule::register_routes(http::Router& router) {
  register_doctor_routes(router, deps_);
  register_verification_routes(router, deps_);
  register_dashboard_routes(router, deps_);
  register_schedule_routes(router, deps_);
  register_search_routes(router, deps_);
  register_availability_routes(router, deps_);
  register_booking_routes(router, deps_);
  register_visit_routes(router, deps_);
  register_note_routes(router, deps_);
  register_prescription_routes(router, deps_);
  register_rating_routes(router, deps_);
}

}  // namespace kiorex::consultations
