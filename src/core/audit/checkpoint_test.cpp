// Signed audit checkpoints: the signed text, the file format, and what parsing and checking refuse.
#include "core/audit/checkpoint.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/audit/audit_keys.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::audit {
namespace {

const std::string kHash = std::string(32, 'a') + std::string(32, '0');

Checkpoint sample(const AuditKeys& keys) { return sign_checkpoint(keys, 42, kHash, 7, 1796692466463); }

TEST(AuditCheckpoint, SignedTextNamesTheFormatAndEveryField) {
  auto keys = AuditKeys::ephemeral();
  auto cp = sample(keys);
  EXPECT_EQ(signed_text(cp), "kiorex.audit.checkpoint.v1\nseq=42\nhead_hash=" + kHash +
                                 "\nkeyed_from_seq=7\nat_ms=1796692466463\nkey_id=" + keys.key_id() + "\n");
  EXPECT_EQ(cp.key_id, AuditKeys::key_id_of(keys.public_key()));
  EXPECT_EQ(cp.key_id.size(), 16u);
  EXPECT_TRUE(checkpoint_signed_by(cp, keys.public_key()));
}

TEST(AuditCheckpoint, JsonRoundTripKeepsTheSignatureValid) {
  auto keys = AuditKeys::ephemeral();
  auto cp = sample(keys);
  const std::string text = checkpoint_json(cp);
  auto o = boost::json::parse(text).as_object();
  EXPECT_EQ(o.at("at").as_string(), "2026-12-08T01:14:26.463Z");
  EXPECT_EQ(o.at("public_key").as_string(), security::base64_encode(keys.public_key()));
  auto parsed = parse_checkpoint(text);
  ASSERT_TRUE(parsed.checkpoint) << parsed.problem;
  EXPECT_EQ(parsed.checkpoint->seq, 42);
  EXPECT_EQ(parsed.checkpoint->head_hash, kHash);
  EXPECT_EQ(parsed.checkpoint->keyed_from_seq, 7);
  EXPECT_EQ(parsed.checkpoint->signature, cp.signature);
  EXPECT_TRUE(checkpoint_signed_by(*parsed.checkpoint, keys.public_key()));
}

TEST(AuditCheckpoint, EveryEditedFieldBreaksTheSignature) {
  auto keys = AuditKeys::ephemeral();
  const auto cp = sample(keys);
  auto edited = [&](auto change) {
    Checkpoint c = cp;
    change(c);
    return checkpoint_signed_by(c, keys.public_key());
  };
  EXPECT_FALSE(edited([](Checkpoint& c) { c.seq = 41; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.head_hash[0] = 'b'; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.keyed_from_seq = 1; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.at_ms += 1; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.key_id = "0000000000000000"; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.signature[0] ^= 1; }));
  EXPECT_FALSE(edited([](Checkpoint& c) { c.signature.pop_back(); }));
  // Another key: neither its public key nor a checkpoint re-signed with it passes for ours.
  auto other = AuditKeys::ephemeral();
  EXPECT_FALSE(checkpoint_signed_by(cp, other.public_key()));
  Checkpoint resigned = cp;
  resigned.signature = other.sign(signed_text(cp));
  EXPECT_FALSE(checkpoint_signed_by(resigned, keys.public_key()));
  EXPECT_FALSE(checkpoint_signed_by(cp, "short"));
}

TEST(AuditCheckpoint, ParseRefusesWhatIsNotACheckpoint) {
  auto keys = AuditKeys::ephemeral();
  const auto good = boost::json::parse(checkpoint_json(sample(keys))).as_object();
  auto with = [&](const char* field, boost::json::value v) {
    auto o = good;
    o[field] = std::move(v);
    return parse_checkpoint(boost::json::serialize(o));
  };
  auto without = [&](const char* field) {
    auto o = good;
    o.erase(field);
    return parse_checkpoint(boost::json::serialize(o));
  };
  EXPECT_FALSE(parse_checkpoint("").checkpoint);
  EXPECT_FALSE(parse_checkpoint("[]").checkpoint);
  EXPECT_FALSE(parse_checkpoint("{\"seq\":").checkpoint);
  EXPECT_FALSE(with("format", "kiorex.audit.checkpoint.v0").checkpoint);
  EXPECT_FALSE(with("seq", -1).checkpoint);
  EXPECT_FALSE(with("seq", 1.5).checkpoint);
  EXPECT_FALSE(with("seq", "42").checkpoint);
  EXPECT_FALSE(with("keyed_from_seq", nullptr).checkpoint);
  EXPECT_FALSE(with("head_hash", boost::json::string(std::string(64, 'A'))).checkpoint);
  EXPECT_FALSE(with("head_hash", "abc").checkpoint);
  EXPECT_FALSE(with("key_id", "xyz").checkpoint);
  EXPECT_FALSE(with("at", "2020-01-01T00:00:00.000Z").checkpoint);
  EXPECT_FALSE(with("public_key", "not base64!").checkpoint);
  EXPECT_FALSE(with("signature", boost::json::string(security::base64_encode("too short"))).checkpoint);
  EXPECT_FALSE(with("extra", 1).checkpoint);
  for (const char* f : {"format", "seq", "head_hash", "keyed_from_seq", "at", "at_ms", "key_id", "public_key", "signature"})
    EXPECT_FALSE(without(f).checkpoint) << f;
  auto missing = without("seq");
  EXPECT_NE(missing.problem.find("seq"), std::string::npos) << missing.problem;
}

}  // namespace
}  // namespace kiorex::audit
