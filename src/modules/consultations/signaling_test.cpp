#include "modules/consultations/signaling.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

namespace kiorex::consultations::visit {
namespace {

struct FakePeer : http::WebSocketPeer {
  std::vector<std::string> sent;
  bool closed = false;
  std::mutex mu;
  void send_text(std::string m) override {
    std::lock_guard l(mu);
    sent.push_back(std::move(m));
  }
  void close() override { closed = true; }
  std::vector<std::string> types() {
    std::lock_guard l(mu);
    std::vector<std::string> out;
    for (const auto& m : sent) {
      auto o = boost::json::parse(m).as_object();
      std::string t(o.at("type").as_string());
      if (auto* r = o.if_contains("role")) t += ":" + std::string(r->as_string());
      out.push_back(t);
    }
    return out;
  }
};

using Types = std::vector<std::string>;

TEST(Rooms, JoinTellsBothSidesInOrder) {
  Rooms rooms;
  auto doctor = std::make_shared<FakePeer>();
  auto patient = std::make_shared<FakePeer>();
  rooms.join("bkg_1", Side::doctor, doctor);
  EXPECT_EQ(doctor->types(), (Types{"joined:doctor"}));
  rooms.join("bkg_1", Side::patient, patient);
  EXPECT_EQ(patient->types(), (Types{"joined:patient", "peer-joined:doctor"}));
  EXPECT_EQ(doctor->types(), (Types{"joined:doctor", "peer-joined:patient"}));
  EXPECT_EQ(rooms.room_count(), 1u);
}

TEST(Rooms, RelayGoesToTheOtherSideOnlyAndRoomsAreSeparate) {
  Rooms rooms;
  auto d1 = std::make_shared<FakePeer>(), p1 = std::make_shared<FakePeer>(), p2 = std::make_shared<FakePeer>();
  rooms.join("bkg_1", Side::doctor, d1);
  rooms.join("bkg_1", Side::patient, p1);
  rooms.join("bkg_2", Side::patient, p2);
  rooms.to_other("bkg_1", Side::doctor, R"({"type":"offer"})");
  EXPECT_EQ(p1->types().back(), "offer");
  EXPECT_EQ(d1->types().back(), "peer-joined:patient");
  EXPECT_EQ(p2->types(), (Types{"joined:patient"}));
  rooms.to_both("bkg_1", R"({"type":"chat"})");
  EXPECT_EQ(p1->types().back(), "chat");
  EXPECT_EQ(d1->types().back(), "chat");
}

TEST(Rooms, ANewSocketReplacesTheOldOneOfItsSide) {
  Rooms rooms;
  auto doctor = std::make_shared<FakePeer>(), old_p = std::make_shared<FakePeer>(), new_p = std::make_shared<FakePeer>();
  rooms.join("bkg_1", Side::doctor, doctor);
  auto c1 = rooms.join("bkg_1", Side::patient, old_p);
  auto c2 = rooms.join("bkg_1", Side::patient, new_p);
  EXPECT_TRUE(old_p->closed);
  EXPECT_EQ(old_p->types().back(), "error");
  EXPECT_FALSE(rooms.current("bkg_1", Side::patient, c1));
  EXPECT_TRUE(rooms.current("bkg_1", Side::patient, c2));
  EXPECT_EQ(doctor->types(), (Types{"joined:doctor", "peer-joined:patient", "peer-left:patient", "peer-joined:patient"}));
  // The replaced socket closing later changes nothing.
  rooms.leave("bkg_1", Side::patient, c1);
  EXPECT_EQ(doctor->types().size(), 4u);
  EXPECT_TRUE(rooms.current("bkg_1", Side::patient, c2));
  // The current one leaving is told to the doctor; the last one leaving forgets the room.
  rooms.leave("bkg_1", Side::patient, c2);
  EXPECT_EQ(doctor->types().back(), "peer-left:patient");
  EXPECT_EQ(rooms.room_count(), 1u);
}

TEST(Rooms, EndTellsBothClosesAndForgets) {
  Rooms rooms;
  auto doctor = std::make_shared<FakePeer>(), patient = std::make_shared<FakePeer>();
  auto cd = rooms.join("bkg_1", Side::doctor, doctor);
  rooms.join("bkg_1", Side::patient, patient);
  rooms.end("bkg_1");
  EXPECT_EQ(doctor->types().back(), "ended");
  EXPECT_EQ(patient->types().back(), "ended");
  EXPECT_TRUE(doctor->closed && patient->closed);
  EXPECT_EQ(rooms.room_count(), 0u);
  EXPECT_FALSE(rooms.current("bkg_1", Side::doctor, cd));
  rooms.leave("bkg_1", Side::doctor, cd);  // the socket's close after the end: nothing to do
  rooms.end("bkg_unknown");
  EXPECT_EQ(rooms.room_count(), 0u);
}

TEST(Rooms, ConcurrentJoinsAndLeavesKeepOneSocketPerSide) {
  Rooms rooms;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++)
    threads.emplace_back([&rooms, t] {
      for (int i = 0; i < 200; i++) {
        auto p = std::make_shared<FakePeer>();
        auto side = (i + t) % 2 ? Side::patient : Side::doctor;
        auto c = rooms.join("bkg_x", side, p);
        rooms.to_other("bkg_x", side, R"({"type":"ice"})");
        if (i % 3 == 0) rooms.leave("bkg_x", side, c);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(rooms.room_count(), 1u);
}

TEST(ClientMessages, RelayChatAndErrors) {
  auto relay = parse_client_message(R"({"type":"offer","data":{"type":"offer","sdp":"v=0\r\n"}})");
  ASSERT_TRUE(std::holds_alternative<RelayMessage>(relay));
  EXPECT_EQ(std::get<RelayMessage>(relay).type, "offer");
  EXPECT_EQ(boost::json::serialize(std::get<RelayMessage>(relay).data), R"({"type":"offer","sdp":"v=0\r\n"})");
  EXPECT_TRUE(std::holds_alternative<RelayMessage>(parse_client_message(R"({"type":"ice","data":null})")));
  auto chat = parse_client_message(R"({"type":"chat","text":"Namaste, doctor"})");
  ASSERT_TRUE(std::holds_alternative<ChatMessage>(chat));
  EXPECT_EQ(std::get<ChatMessage>(chat).text, "Namaste, doctor");
  EXPECT_TRUE(std::holds_alternative<ChatMessage>(parse_client_message(
      boost::json::serialize(boost::json::object{{"type", "chat"}, {"text", std::string(2000, 'a')}}))));
  for (const char* bad : {"", "not json", "[]", R"({"data":{}})", R"({"type":5})", R"({"type":"offer"})",
                          R"({"type":"answer","data":"x"})", R"({"type":"offer","data":null})", R"({"type":"chat"})",
                          R"({"type":"chat","text":""})", R"({"type":"chat","text":"   "})", R"({"type":"chat","text":"a\u0000b"})",
                          R"({"type":"hello"})", R"({"type":"chat","text":"a","text":"b"})",
                          R"({"type":"offer","data":{"sdp":"x","sdp":"y"}})"})
    EXPECT_TRUE(std::holds_alternative<BadMessage>(parse_client_message(bad))) << bad;
  EXPECT_TRUE(std::holds_alternative<BadMessage>(parse_client_message(
      boost::json::serialize(boost::json::object{{"type", "chat"}, {"text", std::string(2001, 'a')}}))));
}

}  // namespace
}  // namespace kiorex::consultations::visit
