#include "modules/consultations/doctor_demo_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>
#include <unordered_set>

#include "core/db/database.hpp"
#include "core/module.hpp"
#include "core/security/password.hpp"
#include "core/util/ids.hpp"
#include "modules/auth/user_store.hpp"
#include "modules/consultations/doctors.hpp"

namespace kiorex::consultations {

namespace {

// ---- deterministic choices ----

// splitmix64: the i-th doctor's k-th choice, the same on every run.
struct Dice {
  uint64_t state;
  explicit Dice(uint64_t seed) : state(seed * 0x9E3779B97F4A7C15ull + 0x1234567ull) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) / static_cast<double>(1ull << 53); }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<size_t>(hi - lo + 1))); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  bool chance(double p) { return unit() < p; }
};

// ---- places ----

enum class Country { india, us, uk };

struct City {
  const char* name;
  const char* region;
  Country country;
  double lat, lng;
  const char* zone;
  const char* council;         // who registers doctors there
  const char* council_prefix;  // registration number style
  const char* postal;          // postal code prefix (India, US) or a code (UK)
  int weight;
  std::vector<const char*> areas;
  std::vector<const char*> languages;  // spoken besides English (and Hindi in India)
  std::vector<const char*> surnames;
};

const std::vector<City>& cities() {
  static const std::vector<City> c = {
      {"Mumbai",
       "MH",
       Country::india,
       19.0760,
       72.8777,
       "Asia/Kolkata",
       "Maharashtra Medical Council",
       "MMC",
       "4000",
       12,
       {"Andheri West", "Bandra West", "Powai", "Dadar", "Borivali", "Chembur"},
       {"mr", "gu"},
       {"Kulkarni", "Joshi", "Deshpande", "Patil", "Shaikh", "Mehta", "Gokhale"}},
      {"New Delhi",
       "DL",
       Country::india,
       28.6139,
       77.2090,
       "Asia/Kolkata",
       "Delhi Medical Council",
       "DMC",
       "1100",
       12,
       {"Karol Bagh", "Saket", "Dwarka", "Lajpat Nagar", "Rohini", "Vasant Kunj"},
       {"pa", "ur"},
       {"Sharma", "Verma", "Gupta", "Malhotra", "Kapoor", "Chopra", "Khan"}},
      {"Bengaluru",
       "KA",
       Country::india,
       12.9716,
       77.5946,
       "Asia/Kolkata",
       "Karnataka Medical Council",
       "KMC",
       "5600",
       10,
       {"Indiranagar", "Koramangala", "Jayanagar", "Whitefield", "Malleshwaram", "HSR Layout"},
       {"kn", "ta"},
       {"Rao", "Bhat", "Hegde", "Shetty", "Gowda", "Murthy"}},
      {"Pune",
       "MH",
       Country::india,
       18.5204,
       73.8567,
       "Asia/Kolkata",
       "Maharashtra Medical Council",
       "MMC",
       "4110",
       8,
       {"Baner", "Kothrud", "Aundh", "Viman Nagar", "Hadapsar", "Shivajinagar"},
       {"mr"},
       {"Kulkarni", "Joshi", "Deshpande", "Pawar", "Bhide", "Apte"}},
      {"Chennai",
       "TN",
       Country::india,
       13.0827,
       80.2707,
       "Asia/Kolkata",
       "Tamil Nadu Medical Council",
       "TNMC",
       "6000",
       8,
       {"T. Nagar", "Adyar", "Anna Nagar", "Velachery", "Mylapore"},
       {"ta"},
       {"Iyer", "Krishnan", "Subramanian", "Raman", "Venkatesan", "Pillai"}},
      {"Hyderabad",
       "TG",
       Country::india,
       17.3850,
       78.4867,
       "Asia/Kolkata",
       "Telangana State Medical Council",
       "TSMC",
       "5000",
       8,
       {"Banjara Hills", "Jubilee Hills", "Gachibowli", "Kukatpally", "Secunderabad"},
       {"te", "ur"},
       {"Reddy", "Naidu", "Rao", "Siddiqui", "Chowdary", "Varma"}},
      {"Kolkata",
       "WB",
       Country::india,
       22.5726,
       88.3639,
       "Asia/Kolkata",
       "West Bengal Medical Council",
       "WBMC",
       "7000",
       7,
       {"Salt Lake", "Park Street", "Ballygunge", "New Town", "Behala"},
       {"bn"},
       {"Banerjee", "Chatterjee", "Mukherjee", "Das", "Sen", "Ghosh", "Bose"}},
      {"Ahmedabad",
       "GJ",
       Country::india,
       23.0225,
       72.5714,
       "Asia/Kolkata",
       "Gujarat Medical Council",
       "GMC",
       "3800",
       5,
       {"Navrangpura", "Satellite", "Bodakdev", "Maninagar"},
       {"gu"},
       {"Patel", "Shah", "Desai", "Mehta", "Trivedi"}},
      {"Jaipur",
       "RJ",
       Country::india,
       26.9124,
       75.7873,
       "Asia/Kolkata",
       "Rajasthan Medical Council",
       "RMC",
       "3020",
       4,
       {"Malviya Nagar", "C-Scheme", "Vaishali Nagar", "Mansarovar"},
       {},
       {"Sharma", "Agarwal", "Jain", "Rathore", "Meena"}},
      {"Lucknow",
       "UP",
       Country::india,
       26.8467,
       80.9462,
       "Asia/Kolkata",
       "Uttar Pradesh Medical Council",
       "UPMC",
       "2260",
       4,
       {"Gomti Nagar", "Hazratganj", "Aliganj", "Indira Nagar"},
       {"ur"},
       {"Mishra", "Tiwari", "Pandey", "Srivastava", "Ansari"}},
      {"Kochi",
       "KL",
       Country::india,
       9.9312,
       76.2673,
       "Asia/Kolkata",
       "Travancore-Cochin Medical Council",
       "TCMC",
       "6820",
       4,
       {"Kakkanad", "Edappally", "Panampilly Nagar", "Vyttila"},
       {"ml"},
       {"Nair", "Menon", "Pillai", "Thomas", "Varghese", "Kurian"}},
      {"Chandigarh",
       "CH",
       Country::india,
       30.7333,
       76.7794,
       "Asia/Kolkata",
       "Punjab Medical Council",
       "PMC",
       "1600",
       3,
       {"Sector 17", "Sector 35", "Sector 8", "Sector 22"},
       {"pa"},
       {"Singh", "Gill", "Sandhu", "Sidhu", "Grewal"}},
      {"Bhopal",
       "MP",
       Country::india,
       23.2599,
       77.4126,
       "Asia/Kolkata",
       "Madhya Pradesh Medical Council",
       "MPMC",
       "4620",
       2,
       {"MP Nagar", "Arera Colony", "Kolar Road"},
       {},
       {"Saxena", "Dubey", "Chouhan", "Jain", "Khan"}},
      {"Guwahati",
       "AS",
       Country::india,
       26.1445,
       91.7362,
       "Asia/Kolkata",
       "Assam Medical Council",
       "AMC",
       "7810",
       2,
       {"Dispur", "Paltan Bazaar", "Ganeshguri"},
       {"as", "bn"},
       {"Baruah", "Bora", "Saikia", "Gogoi", "Das"}},
      {"Bhubaneswar",
       "OD",
       Country::india,
       20.2961,
       85.8245,
       "Asia/Kolkata",
       "Odisha Council of Medical Registration",
       "OCMR",
       "7510",
       2,
       {"Saheed Nagar", "Patia", "Jaydev Vihar"},
       {"or"},
       {"Mohanty", "Patnaik", "Mishra", "Das", "Sahoo"}},
      {"New York",
       "NY",
       Country::us,
       40.7128,
       -74.0060,
       "America/New_York",
       "New York State Board for Medicine",
       "NY",
       "100",
       5,
       {"Upper East Side", "Midtown", "Brooklyn Heights", "Astoria", "Chelsea"},
       {"es", "zh", "ru"},
       {}},
      {"Boston",
       "MA",
       Country::us,
       42.3601,
       -71.0589,
       "America/New_York",
       "Massachusetts Board of Registration in Medicine",
       "MA",
       "021",
       3,
       {"Back Bay", "Beacon Hill", "Longwood", "Jamaica Plain"},
       {"es", "pt"},
       {}},
      {"Chicago",
       "IL",
       Country::us,
       41.8781,
       -87.6298,
       "America/Chicago",
       "Illinois Department of Financial and Professional Regulation",
       "IL",
       "606",
       3,
       {"Lincoln Park", "The Loop", "Hyde Park", "Wicker Park"},
       {"es", "pl"},
       {}},
      {"Houston",
       "TX",
       Country::us,
       29.7604,
       -95.3698,
       "America/Chicago",
       "Texas Medical Board",
       "TX",
       "770",
       2,
       {"Texas Medical Center", "Montrose", "Midtown", "The Heights"},
       {"es", "vi"},
       {}},
      {"San Francisco",
       "CA",
       Country::us,
       37.7749,
       -122.4194,
       "America/Los_Angeles",
       "Medical Board of California",
       "CA",
       "941",
       2,
       {"Mission District", "Pacific Heights", "SoMa", "Sunset District"},
       {"zh", "es", "tl"},
       {}},
      {"London",
       "England",
       Country::uk,
       51.5074,
       -0.1278,
       "Europe/London",
       "General Medical Council",
       "",
       "W1G 9PF",
       5,
       {"Harley Street", "Marylebone", "Canary Wharf", "Wimbledon", "Southall", "Islington"},
       {"hi", "ur", "pa", "bn", "pl"},
       {}},
      {"Manchester",
       "England",
       Country::uk,
       53.4808,
       -2.2426,
       "Europe/London",
       "General Medical Council",
       "",
       "M20 2LS",
       2,
       {"Didsbury", "Deansgate", "Rusholme", "Chorlton"},
       {"ur", "pa"},
       {}},
      {"Birmingham",
       "England",
       Country::uk,
       52.4862,
       -1.8904,
       "Europe/London",
       "General Medical Council",
       "",
       "B15 2TH",
       2,
       {"Edgbaston", "Moseley", "Sparkhill", "Harborne"},
       {"pa", "ur"},
       {}},
      {"Edinburgh",
       "Scotland",
       Country::uk,
       55.9533,
       -3.1883,
       "Europe/London",
       "General Medical Council",
       "",
       "EH3 9EH",
       1,
       {"New Town", "Morningside", "Leith", "Stockbridge"},
       {},
       {}},
  };
  return c;
}

// ---- people ----

const std::vector<const char*> kIndianFemale = {
    "Asha",    "Priya",   "Ananya",  "Kavya",  "Meera",   "Neha",    "Pooja",   "Radhika", "Sneha", "Divya",
    "Shalini", "Lakshmi", "Deepa",   "Anjali", "Nandini", "Sunita",  "Rekha",   "Ishita",  "Aditi", "Farah",
    "Zoya",    "Sana",    "Harleen", "Swati",  "Madhuri", "Revathi", "Keerthi", "Bhavna",  "Tanvi", "Shreya"};
const std::vector<const char*> kIndianMale = {
    "Arjun",  "Rohan",  "Vikram", "Rahul",    "Amit",      "Sanjay", "Rajesh", "Karthik",  "Suresh",  "Anil",
    "Manoj",  "Nikhil", "Aditya", "Varun",    "Siddharth", "Imran",  "Faisal", "Harpreet", "Gurdeep", "Abhishek",
    "Pranav", "Vivek",  "Ramesh", "Srinivas", "Venkat",    "Arvind", "Deepak", "Kunal",    "Sameer",  "Yusuf"};
const std::vector<const char*> kIndianSurnames = {"Sharma", "Gupta", "Mehta",   "Rao",      "Reddy",    "Iyer",
                                                  "Nair",   "Patel", "Shah",    "Joshi",    "Banerjee", "Das",
                                                  "Singh",  "Khan",  "Qureshi", "Kumar",    "Agarwal",  "Kapoor",
                                                  "Saxena", "Bose",  "Menon",   "Krishnan", "Siddiqui"};
const std::vector<const char*> kUsFemale = {"Emily", "Sarah",  "Jessica", "Jennifer", "Rachel", "Laura",
                                            "Megan", "Olivia", "Maria",   "Sofia",    "Grace",  "Hannah",
                                            "Mei",   "Aisha",  "Priya",   "Natalie"};
const std::vector<const char*> kUsMale = {"Michael",     "David",  "James", "Robert",  "Daniel", "Matthew",
                                          "Christopher", "Andrew", "Kevin", "Jose",    "Carlos", "Wei",
                                          "Samuel",      "Ethan",  "Raj",   "Benjamin"};
const std::vector<const char*> kUsSurnames = {
    "Smith",     "Johnson", "Williams", "Brown",    "Garcia",   "Miller", "Davis",   "Rodriguez", "Martinez",
    "Hernandez", "Lopez",   "Wilson",   "Anderson", "Taylor",   "Lee",    "Chen",    "Nguyen",    "Kim",
    "Patel",     "Cohen",   "Goldberg", "Murphy",   "Kowalski", "Rossi",  "O'Brien", "Washington"};
const std::vector<const char*> kUkFemale = {"Charlotte", "Emily",   "Sophie", "Hannah", "Amelia", "Olivia",
                                            "Lucy",      "Eleanor", "Fatima", "Amira",  "Priya",  "Siobhan",
                                            "Katie",     "Rebecca", "Zara",   "Isla"};
const std::vector<const char*> kUkMale = {"Oliver", "James",  "Thomas",   "William",  "Harry",  "George",
                                          "Jack",   "Daniel", "Samuel",   "Mohammed", "Hassan", "Rajesh",
                                          "Callum", "Rhys",   "Alistair", "Ewan"};
const std::vector<const char*> kUkSurnames = {
    "Smith",   "Jones",   "Taylor", "Brown",    "Williams", "Wilson",    "Davies",    "Evans", "Thomas",
    "Roberts", "Walker",  "Wright", "Hughes",   "Edwards",  "Green",     "Clarke",    "Patel", "Khan",
    "Ahmed",   "Hussain", "Singh",  "Campbell", "Stewart",  "MacDonald", "Robertson", "Murray"};

const std::vector<const char*> kIndianColleges = {"All India Institute of Medical Sciences, New Delhi",
                                                  "Christian Medical College, Vellore",
                                                  "Maulana Azad Medical College, New Delhi",
                                                  "Seth GS Medical College, Mumbai",
                                                  "Grant Government Medical College, Mumbai",
                                                  "B. J. Government Medical College, Pune",
                                                  "Armed Forces Medical College, Pune",
                                                  "Madras Medical College, Chennai",
                                                  "Bangalore Medical College and Research Institute",
                                                  "Osmania Medical College, Hyderabad",
                                                  "Medical College Kolkata",
                                                  "Kasturba Medical College, Manipal",
                                                  "JIPMER, Puducherry",
                                                  "King George's Medical University, Lucknow",
                                                  "SMS Medical College, Jaipur",
                                                  "B. J. Medical College, Ahmedabad",
                                                  "Government Medical College, Thiruvananthapuram"};
const std::vector<const char*> kIndianPgCentres = {"All India Institute of Medical Sciences, New Delhi",
                                                   "PGIMER, Chandigarh",
                                                   "Christian Medical College, Vellore",
                                                   "Seth GS Medical College and KEM Hospital, Mumbai",
                                                   "Sanjay Gandhi Postgraduate Institute, Lucknow",
                                                   "JIPMER, Puducherry",
                                                   "Madras Medical College, Chennai",
                                                   "Kasturba Medical College, Manipal",
                                                   "NIMHANS, Bengaluru",
                                                   "Tata Memorial Hospital, Mumbai"};
const std::vector<const char*> kUsSchools = {"Harvard Medical School",
                                             "Johns Hopkins University School of Medicine",
                                             "Perelman School of Medicine, University of Pennsylvania",
                                             "Columbia University Vagelos College of Physicians and Surgeons",
                                             "University of California, San Francisco",
                                             "Baylor College of Medicine",
                                             "Northwestern University Feinberg School of Medicine",
                                             "NYU Grossman School of Medicine",
                                             "University of Michigan Medical School",
                                             "Boston University Chobanian & Avedisian School of Medicine"};
const std::vector<const char*> kUsHospitals = {"Massachusetts General Hospital",
                                               "Mount Sinai Hospital",
                                               "Cleveland Clinic",
                                               "Mayo Clinic",
                                               "Northwestern Memorial Hospital",
                                               "Houston Methodist Hospital",
                                               "UCSF Medical Center",
                                               "NewYork-Presbyterian Hospital",
                                               "Brigham and Women's Hospital"};
const std::vector<const char*> kUkSchools = {
    "University College London", "King's College London",
    "Imperial College London",   "University of Edinburgh",
    "University of Manchester",  "University of Birmingham",
    "University of Oxford",      "University of Cambridge",
    "University of Glasgow",     "Barts and The London School of Medicine and Dentistry"};

// ---- specialties ----

struct SpecialtyDemo {
  const char* id;
  int weight;
  const char* base_in;  // first degree in India ("" = MBBS)
  const char* pg_in;    // postgraduate degree in India
  const char* pg_us;    // US training after the MD
  const char* pg_uk;    // UK postgraduate qualification
  const char* clinic;   // clinic name word
  const char* focus;    // for the bio
  int slot_minutes;
  bool india_only;
  std::vector<const char*> conditions;
};

const std::vector<SpecialtyDemo>& specialty_demo() {
  static const std::vector<SpecialtyDemo> s = {
      {"general-medicine",
       15,
       "",
       "MD (General Medicine)",
       "Residency in Internal Medicine",
       "MRCGP",
       "Family Clinic",
       "everyday illnesses, long-term conditions and preventive care",
       15,
       false,
       {"fever", "diabetes", "hypertension", "thyroid disorders", "common cold", "viral infections", "typhoid",
        "dengue", "headache", "fatigue", "acidity", "anaemia"}},
      {"dermatology",
       8,
       "",
       "MD (Dermatology, Venereology & Leprosy)",
       "Residency in Dermatology",
       "MRCP (Dermatology)",
       "Skin Clinic",
       "skin, hair and nail problems",
       15,
       false,
       {"acne", "eczema", "psoriasis", "hair loss", "fungal infections", "vitiligo", "pigmentation", "urticaria",
        "warts", "dandruff", "melasma", "rosacea"}},
      {"cardiology",
       4,
       "",
       "DM (Cardiology)",
       "Fellowship in Cardiovascular Disease",
       "MRCP (Cardiology)",
       "Heart Centre",
       "heart disease, blood pressure and heart rhythm problems",
       20,
       false,
       {"hypertension", "coronary artery disease", "heart failure", "arrhythmia", "chest pain", "high cholesterol",
        "palpitations", "valve disease"}},
      {"pediatrics",
       8,
       "",
       "MD (Paediatrics)",
       "Residency in Pediatrics",
       "MRCPCH",
       "Child Care Clinic",
       "the health of newborns, children and teenagers",
       15,
       false,
       {"childhood vaccination", "fever in children", "newborn care", "growth and development", "childhood asthma",
        "diarrhoea", "ear infections", "child nutrition"}},
      {"obstetrics-gynecology",
       8,
       "",
       "MS (Obstetrics & Gynaecology)",
       "Residency in Obstetrics and Gynecology",
       "MRCOG",
       "Women's Clinic",
       "pregnancy care and women's health",
       20,
       false,
       {"pregnancy care", "PCOS", "irregular periods", "menopause", "infertility", "endometriosis", "fibroids",
        "contraception"}},
      {"orthopedics",
       6,
       "",
       "MS (Orthopaedics)",
       "Residency in Orthopaedic Surgery",
       "FRCS (Trauma & Orthopaedics)",
       "Bone & Joint Clinic",
       "bone, joint and spine problems",
       15,
       false,
       {"back pain", "knee pain", "arthritis", "fractures", "sports injuries", "frozen shoulder", "osteoporosis",
        "slipped disc"}},
      {"ent",
       4,
       "",
       "MS (ENT)",
       "Residency in Otolaryngology",
       "FRCS (ORL-HNS)",
       "ENT Clinic",
       "ear, nose and throat conditions",
       15,
       false,
       {"sinusitis", "tonsillitis", "ear infection", "hearing loss", "vertigo", "nasal allergy", "snoring", "ear wax"}},
      {"ophthalmology",
       4,
       "",
       "MS (Ophthalmology)",
       "Residency in Ophthalmology",
       "FRCOphth",
       "Eye Clinic",
       "eye conditions and vision problems",
       15,
       false,
       {"cataract", "glaucoma", "conjunctivitis", "refractive errors", "dry eyes", "diabetic retinopathy", "squint"}},
      {"psychiatry",
       3,
       "",
       "MD (Psychiatry)",
       "Residency in Psychiatry",
       "MRCPsych",
       "Mind Clinic",
       "mental health",
       30,
       false,
       {"depression", "anxiety", "bipolar disorder", "insomnia", "OCD", "schizophrenia", "ADHD", "addiction"}},
      {"psychology",
       3,
       "MA (Psychology)",
       "M.Phil (Clinical Psychology)",
       "PsyD (Clinical Psychology)",
       "DClinPsy (Clinical Psychology)",
       "Counselling Centre",
       "talking therapies and counselling",
       45,
       false,
       {"stress", "anxiety", "relationship issues", "grief counselling", "depression", "exam stress", "self esteem"}},
      {"neurology",
       2,
       "",
       "DM (Neurology)",
       "Residency in Neurology",
       "MRCP (Neurology)",
       "Neuro Clinic",
       "brain and nerve disorders",
       20,
       false,
       {"migraine", "epilepsy", "stroke", "parkinsons disease", "neuropathy", "headache", "dementia"}},
      {"gastroenterology",
       3,
       "",
       "DM (Gastroenterology)",
       "Fellowship in Gastroenterology",
       "MRCP (Gastroenterology)",
       "Gastro Clinic",
       "stomach, bowel and liver problems",
       15,
       false,
       {"acidity", "GERD", "IBS", "fatty liver", "constipation", "hepatitis", "ulcerative colitis", "gallstones"}},
      {"endocrinology",
       3,
       "",
       "DM (Endocrinology)",
       "Fellowship in Endocrinology, Diabetes and Metabolism",
       "MRCP (Endocrinology and Diabetes)",
       "Diabetes & Thyroid Clinic",
       "diabetes, thyroid and hormone disorders",
       15,
       false,
       {"diabetes", "thyroid disorders", "hypothyroidism", "obesity", "PCOS", "osteoporosis", "growth disorders"}},
      {"pulmonology",
       2,
       "",
       "MD (Respiratory Medicine)",
       "Fellowship in Pulmonary Disease",
       "MRCP (Respiratory Medicine)",
       "Chest Clinic",
       "lung and breathing problems",
       15,
       false,
       {"asthma", "COPD", "tuberculosis", "pneumonia", "sleep apnea", "chronic cough", "bronchitis"}},
      {"nephrology",
       1,
       "",
       "DM (Nephrology)",
       "Fellowship in Nephrology",
       "MRCP (Renal Medicine)",
       "Kidney Clinic",
       "kidney disease",
       20,
       false,
       {"chronic kidney disease", "kidney stones", "dialysis", "hypertension", "urinary tract infection",
        "nephrotic syndrome"}},
      {"urology",
       1,
       "",
       "MCh (Urology)",
       "Residency in Urology",
       "FRCS (Urology)",
       "Urology Clinic",
       "urinary and prostate problems",
       15,
       false,
       {"kidney stones", "prostate enlargement", "urinary tract infection", "erectile dysfunction", "incontinence"}},
      {"oncology",
       1,
       "",
       "DM (Medical Oncology)",
       "Fellowship in Hematology and Oncology",
       "MRCP (Medical Oncology)",
       "Cancer Care Clinic",
       "cancer treatment and screening",
       30,
       false,
       {"breast cancer", "lung cancer", "chemotherapy", "oral cancer", "lymphoma", "colorectal cancer",
        "cancer screening"}},
      {"rheumatology",
       1,
       "",
       "DM (Rheumatology)",
       "Fellowship in Rheumatology",
       "MRCP (Rheumatology)",
       "Arthritis Clinic",
       "arthritis and autoimmune conditions",
       20,
       false,
       {"rheumatoid arthritis", "lupus", "gout", "ankylosing spondylitis", "joint pain", "fibromyalgia"}},
      {"dentistry",
       7,
       "BDS",
       "MDS (Orthodontics)",
       "Certificate in Orthodontics",
       "MFDS",
       "Dental Care",
       "teeth and gums",
       20,
       false,
       {"toothache", "cavities", "root canal", "gum disease", "braces", "teeth whitening", "wisdom tooth",
        "dental implants"}},
      {"general-surgery",
       3,
       "",
       "MS (General Surgery)",
       "Residency in General Surgery",
       "FRCS (General Surgery)",
       "Surgical Clinic",
       "hernia, gallbladder and other general surgery",
       15,
       false,
       {"hernia", "appendicitis", "gallstones", "piles", "fistula", "lipoma", "varicose veins"}},
      {"physiotherapy",
       3,
       "BPT",
       "MPT (Musculoskeletal)",
       "Doctor of Physical Therapy",
       "MSc (Musculoskeletal Physiotherapy)",
       "Physio Centre",
       "recovery from pain, injury and surgery",
       30,
       false,
       {"back pain", "neck pain", "sports injuries", "post surgery rehabilitation", "frozen shoulder",
        "stroke rehabilitation", "knee pain"}},
      {"nutrition-dietetics",
       2,
       "BSc (Home Science)",
       "MSc (Food & Nutrition)",
       "MS (Clinical Nutrition)",
       "MSc (Dietetics)",
       "Nutrition Clinic",
       "diet plans for health conditions",
       30,
       false,
       {"weight loss", "diabetes diet", "PCOS diet", "pregnancy nutrition", "sports nutrition", "high cholesterol"}},
      {"homeopathy",
       2,
       "BHMS",
       "MD (Homoeopathy)",
       "",
       "",
       "Homeopathy Clinic",
       "homeopathic care",
       15,
       true,
       {"allergies", "skin problems", "migraine", "hair loss", "arthritis", "asthma"}},
      {"ayurveda",
       2,
       "BAMS",
       "MD (Ayurveda)",
       "",
       "",
       "Ayurveda Centre",
       "Ayurvedic treatment",
       20,
       true,
       {"arthritis", "digestion problems", "stress", "skin problems", "obesity", "joint pain"}},
      {"sexology",
       1,
       "",
       "MD (Psychiatry)",
       "Fellowship in Sexual Medicine",
       "MRCPsych",
       "Sexual Health Clinic",
       "sexual health",
       30,
       false,
       {"erectile dysfunction", "premature ejaculation", "low libido", "sexual health counselling"}},
      {"infectious-diseases",
       1,
       "",
       "DM (Infectious Diseases)",
       "Fellowship in Infectious Diseases",
       "MRCP (Infectious Diseases)",
       "Infection Clinic",
       "infections and tropical diseases",
       15,
       false,
       {"dengue", "malaria", "typhoid", "tuberculosis", "HIV care", "COVID-19", "fever of unknown origin"}},
      {"hematology",
       1,
       "",
       "DM (Clinical Haematology)",
       "Fellowship in Hematology",
       "FRCPath (Haematology)",
       "Blood Clinic",
       "blood disorders",
       20,
       false,
       {"anaemia", "thalassemia", "bleeding disorders", "leukemia", "sickle cell disease"}},
      {"allergy-immunology",
       1,
       "",
       "MD (Pulmonary Medicine)",
       "Fellowship in Allergy and Immunology",
       "MRCP (Immunology)",
       "Allergy Clinic",
       "allergies and immune disorders",
       20,
       false,
       {"food allergy", "allergic rhinitis", "asthma", "hives", "eczema", "drug allergy"}},
      {"plastic-surgery",
       1,
       "",
       "MCh (Plastic Surgery)",
       "Residency in Plastic Surgery",
       "FRCS (Plastic Surgery)",
       "Aesthetic Clinic",
       "cosmetic and reconstructive surgery",
       20,
       false,
       {"cosmetic surgery", "burns", "scar revision", "rhinoplasty", "hair transplant", "liposuction"}},
      {"neurosurgery",
       1,
       "",
       "MCh (Neurosurgery)",
       "Residency in Neurological Surgery",
       "FRCS (Neurosurgery)",
       "Spine Clinic",
       "brain and spine surgery",
       20,
       false,
       {"brain tumour", "spine surgery", "slipped disc", "head injury", "hydrocephalus"}},
      {"geriatrics",
       1,
       "",
       "MD (Geriatric Medicine)",
       "Fellowship in Geriatric Medicine",
       "MRCP (Geriatric Medicine)",
       "Senior Care Clinic",
       "the health of older people",
       20,
       false,
       {"memory loss", "falls", "arthritis", "multiple medications", "hypertension", "incontinence"}},
      {"sports-medicine",
       1,
       "",
       "MD (Sports Medicine)",
       "Fellowship in Sports Medicine",
       "MSc (Sport and Exercise Medicine)",
       "Sports Clinic",
       "sports injuries and fitness",
       20,
       false,
       {"sports injuries", "ligament injury", "tendinitis", "runner's knee", "concussion", "fitness assessment"}},
  };
  return s;
}

// A second specialty some doctors add.
const char* second_specialty(const std::string& first) {
  if (first == "dermatology") return "allergy-immunology";
  if (first == "general-medicine") return "endocrinology";
  if (first == "cardiology") return "general-medicine";
  if (first == "pediatrics") return "allergy-immunology";
  if (first == "orthopedics") return "sports-medicine";
  if (first == "psychiatry") return "sexology";
  if (first == "pulmonology") return "allergy-immunology";
  return nullptr;
}

template <typename T>
const T& weighted(Dice& dice, const std::vector<T>& items, const std::function<int(const T&)>& weight) {
  int total = 0;
  for (const auto& i : items) total += weight(i);
  int roll = static_cast<int>(dice.below(static_cast<size_t>(total)));
  for (const auto& i : items) {
    roll -= weight(i);
    if (roll < 0) return i;
  }
  return items.back();
}

int this_year() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

// Rupees, dollars or pounds, rounded like real price lists, in minor units.
int64_t fee(Dice& dice, Country c, bool clinic) {
  switch (c) {
    case Country::india:
      return static_cast<int64_t>(dice.between(clinic ? 8 : 6, clinic ? 40 : 24)) * 50 * 100;
    case Country::us:
      return static_cast<int64_t>(dice.between(clinic ? 20 : 12, clinic ? 60 : 40)) * 5 * 100;
    case Country::uk:
      return static_cast<int64_t>(dice.between(clinic ? 12 : 8, clinic ? 50 : 30)) * 5 * 100;
  }
  return 50000;
}

struct Generated {
  std::string name;
  boost::json::object body;  // a PUT /doctors/me body
  int64_t rating_count = 0, rating_sum = 0;
  std::vector<WeeklyRange> hours;  // location_id: "#0" / "#1" = the profile's first / second location
};

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

Generated generate(int i, uint64_t salt) {
  Dice dice(static_cast<uint64_t>(i) * 7919 + salt);
  const City& city = weighted<City>(dice, cities(), [](const City& c) { return c.weight; });
  const SpecialtyDemo* spec =
      &weighted<SpecialtyDemo>(dice, specialty_demo(), [](const SpecialtyDemo& s) { return s.weight; });
  if (spec->india_only && city.country != Country::india) spec = &specialty_demo().front();
  const bool female = dice.chance(0.48);
  Generated g;
  std::string first, last;
  switch (city.country) {
    case Country::india:
      first = dice.pick(female ? kIndianFemale : kIndianMale);
      last = !city.surnames.empty() && dice.chance(0.7) ? dice.pick(city.surnames) : dice.pick(kIndianSurnames);
      break;
    case Country::us:
      first = dice.pick(female ? kUsFemale : kUsMale);
      last = dice.pick(kUsSurnames);
      break;
    case Country::uk:
      first = dice.pick(female ? kUkFemale : kUkMale);
      last = dice.pick(kUkSurnames);
      break;
  }
  const bool doctor_title = std::string(spec->base_in).empty() || spec->id == std::string("dentistry") ||
                            spec->id == std::string("homeopathy") || spec->id == std::string("ayurveda");
  g.name = std::string(doctor_title ? "Dr. " : "") + first + " " + last;

  const int experience = dice.between(3, 34);
  const int graduated = this_year() - experience - dice.between(0, 2);
  boost::json::array quals;
  auto qual = [&](const std::string& degree, const std::string& where, int year) {
    quals.push_back(boost::json::object{{"degree", degree}, {"institution", where}, {"year", year}});
  };
  switch (city.country) {
    case Country::india:
      qual(*spec->base_in ? spec->base_in : "MBBS", dice.pick(kIndianColleges), graduated - 3);
      qual(spec->pg_in, dice.pick(kIndianPgCentres), graduated);
      break;
    case Country::us:
      qual(spec->id == std::string("dentistry")                                                      ? "DDS"
           : spec->id == std::string("physiotherapy")                                                ? "DPT"
           : spec->id == std::string("psychology") || spec->id == std::string("nutrition-dietetics") ? "BSc"
                                                                                                     : "MD",
           dice.pick(kUsSchools), graduated - 4);
      qual(spec->pg_us, dice.pick(kUsHospitals), graduated);
      break;
    case Country::uk:
      qual(spec->id == std::string("dentistry")             ? "BDS"
           : spec->id == std::string("physiotherapy")       ? "BSc (Hons) Physiotherapy"
           : spec->id == std::string("psychology")          ? "BSc (Hons) Psychology"
           : spec->id == std::string("nutrition-dietetics") ? "BSc (Hons) Nutrition"
                                                            : (dice.chance(0.5) ? "MBBS" : "MBChB"),
           dice.pick(kUkSchools), graduated - 4);
      qual(spec->pg_uk, "", graduated);
      break;
  }

  std::string reg;
  switch (city.country) {
    case Country::india:
      reg = std::string(city.council_prefix) + "/" + std::to_string(graduated - 2) + "/" +
            std::to_string(10000 + dice.below(89999));
      break;
    case Country::us:
      reg = std::string(city.council_prefix) + "-" + std::to_string(200000 + dice.below(700000));
      break;
    case Country::uk:
      reg = std::to_string(6000000 + dice.below(1000000));
      break;
  }
  std::string council = city.council;
  const std::string sid = spec->id;
  if (sid == "dentistry")
    council = city.country == Country::india ? "Dental Council of India"
              : city.country == Country::uk  ? "General Dental Council"
                                             : std::string(city.region) + " State Board of Dentistry";
  else if (sid == "homeopathy")
    council = "National Commission for Homoeopathy";
  else if (sid == "ayurveda")
    council = "National Commission for Indian System of Medicine";
  else if ((sid == "physiotherapy" || sid == "psychology" || sid == "nutrition-dietetics") &&
           city.country == Country::uk)
    council = "Health and Care Professions Council";
  else if (sid == "physiotherapy" && city.country == Country::india)
    council = "Indian Association of Physiotherapists";
  else if (sid == "psychology" && city.country == Country::india)
    council = "Rehabilitation Council of India";
  else if (sid == "nutrition-dietetics" && city.country == Country::india)
    council = "Indian Dietetic Association";

  // Languages: English everywhere; Hindi for most in India; the city's languages for some.
  boost::json::array langs{"en"};
  if (city.country == Country::india &&
      dice.chance(city.languages.empty() || std::string(city.region) == "DL" ? 0.95 : 0.7))
    langs.push_back("hi");
  for (const char* l : city.languages)
    if (dice.chance(city.country == Country::india ? 0.6 : 0.2)) langs.push_back(l);

  boost::json::array specialties{spec->id};
  if (const char* second = second_specialty(spec->id); second && dice.chance(0.2)) specialties.push_back(second);

  boost::json::array conditions;
  std::vector<const char*> pool = spec->conditions;
  for (size_t k = pool.size(); k > 1; k--) std::swap(pool[k - 1], pool[dice.below(k)]);
  size_t n_conditions = std::min(pool.size(), static_cast<size_t>(dice.between(4, 8)));
  for (size_t k = 0; k < n_conditions; k++) conditions.push_back(pool[k]);

  // Consultation types: most offer both.
  const double roll = dice.unit();
  const bool video = roll < 0.9, clinic = roll >= 0.2;
  const char* currency = city.country == Country::india ? "INR" : city.country == Country::us ? "USD" : "GBP";
  boost::json::object types;
  if (video)
    types["video"] = boost::json::object{
        {"fee", boost::json::object{{"amount", fee(dice, city.country, false)}, {"currency", currency}}}};
  if (clinic)
    types["clinic"] = boost::json::object{
        {"fee", boost::json::object{{"amount", fee(dice, city.country, true)}, {"currency", currency}}}};

  boost::json::array locations;
  const int n_locations = clinic ? (dice.chance(0.25) ? 2 : 1) : (dice.chance(0.3) ? 1 : 0);
  for (int k = 0; k < n_locations; k++) {
    const std::string area = dice.pick(city.areas);
    const double dlat = (dice.unit() - 0.5) * 0.14,
                 dlng = (dice.unit() - 0.5) * 0.14 / std::cos(city.lat * 3.14159265 / 180);
    std::string name = k == 0 && dice.chance(0.6) ? last + " " + spec->clinic : area + " " + spec->clinic;
    std::string line1, postal;
    switch (city.country) {
      case Country::india:
        line1 =
            std::to_string(dice.between(1, 220)) + ", " + (dice.chance(0.5) ? "1st Floor, " : "") + area + " Main Road";
        postal = std::string(city.postal) + two_digits(dice.between(1, 99));
        break;
      case Country::us:
        line1 = std::to_string(dice.between(10, 2400)) + " " + (dice.chance(0.5) ? "Main Street" : "Park Avenue") +
                ", Suite " + std::to_string(dice.between(100, 900));
        postal = std::string(city.postal) + two_digits(dice.between(1, 99));
        break;
      case Country::uk:
        line1 = std::to_string(dice.between(1, 180)) + " " + area + (dice.chance(0.5) ? " Road" : " Street");
        postal = city.postal;
        break;
    }
    locations.push_back(
        boost::json::object{{"name", name},
                            {"address", boost::json::object{{"line1", line1},
                                                            {"line2", area},
                                                            {"city", city.name},
                                                            {"region", city.region},
                                                            {"postal_code", postal},
                                                            {"country", city.country == Country::india ? "IN"
                                                                        : city.country == Country::us  ? "US"
                                                                                                       : "GB"}}},
                            {"lat", std::round((city.lat + dlat) * 1e5) / 1e5},
                            {"lng", std::round((city.lng + dlng) * 1e5) / 1e5}});
  }

  const int slot = spec->slot_minutes;
  std::string bio = g.name + " has " + std::to_string(experience) + " years of experience in " + spec->focus +
                    " and practises in " + city.name + ".";
  g.body = {{"gender", female ? "female" : "male"},
            {"bio", bio},
            {"specialties", std::move(specialties)},
            {"qualifications", std::move(quals)},
            {"registration", boost::json::object{{"number", reg}, {"council", council}}},
            {"experience_years", experience},
            {"languages", std::move(langs)},
            {"conditions", std::move(conditions)},
            {"consultation_types", std::move(types)},
            {"locations", std::move(locations)},
            {"time_zone", city.zone},
            {"slot_minutes", slot},
            {"follow_up_days", dice.chance(0.7) ? 7 : dice.between(0, 14)}};

  // Weekly hours: India mornings online and evenings at the clinic, six days; US and UK weekdays.
  auto add = [&](int day, int from_h, int from_m, int to_h, int to_m, const char* type, const char* loc) {
    g.hours.push_back(
        {day, from_h * 60 + from_m, to_h * 60 + to_m, type, clinic && std::string(type) == "clinic" ? loc : ""});
  };
  const bool second_place = n_locations == 2;
  if (city.country == Country::india) {
    const int start = dice.chance(0.5) ? 9 : 10;
    for (int day = 1; day <= 6; day++) {
      if (video) add(day, start, 0, start + 3, 0, "video", "");
      if (clinic) {
        if (day == 6 && second_place)
          add(day, 17, 0, 20, 0, "clinic", "#1");
        else
          add(day, 17, 0, day == 6 ? 19 : 20, 30, "clinic", "#0");
      } else if (day != 6) {
        add(day, 18, 0, 21, 0, "video", "");
      }
    }
  } else {
    for (int day = 1; day <= 5; day++) {
      if (clinic) add(day, 8, 30, 12, 30, "clinic", second_place && day % 2 == 0 ? "#1" : "#0");
      if (video) add(day, 13, 30, day == 5 ? 15 : 17, 0, "video", "");
      if (!video && day != 3) add(day, 13, 30, 16, 30, "clinic", "#0");
    }
  }

  // A rating summary: most doctors have a few ratings, some many.
  const double u = dice.unit();
  g.rating_count = static_cast<int64_t>(std::floor(u * u * 240));
  const double average = 3.4 + 1.6 * std::sqrt(dice.unit());
  g.rating_sum = static_cast<int64_t>(std::llround(average * static_cast<double>(g.rating_count)));
  if (g.rating_sum > g.rating_count * 5) g.rating_sum = g.rating_count * 5;
  return g;
}

// The profile of `body` for account `user_id`, checked by the API's rules.
Profile checked_profile(Deps& d, const std::string& user_id, const std::string& name, const boost::json::object& body) {
  Profile base;
  base.user_id = user_id;
  std::vector<http::FieldError> errors;
  Profile p = apply_profile_put(body, base, specialty_ids(d.ctx.db), errors);
  auto missing = missing_for_submission(p);
  errors.insert(errors.end(), missing.begin(), missing.end());
  if (!errors.empty())
    throw std::logic_error("demo doctor " + name + " is invalid: " + errors.front().field + " " +
                           errors.front().message);
  p.name = name;
  return p;
}

// Stores a checked profile as verified (submitted and approved at `now`) with its hours and rating summary.
void store_verified(Deps& d, db::Session& tx, Profile& p, std::vector<WeeklyRange> hours, int64_t rating_count,
                    int64_t rating_sum, int64_t now) {
  p.status = "verified";
  p.submitted_at = now;
  p.verified_at = now;
  p.version = 0;
  if (!store_profile(d, tx, p, now)) throw std::logic_error("demo doctor could not be stored");
  if (rating_count > 0)
    tx.exec("UPDATE doctors SET rating_count = $2, rating_sum = $3, rating_avg = $4 WHERE user_id = $1",
            {p.user_id, rating_count, rating_sum, static_cast<double>(rating_sum) / static_cast<double>(rating_count)});
  for (auto& h : hours) {
    if (h.location_id.empty()) continue;
    size_t k = h.location_id == "#1" && p.locations.size() > 1 ? 1 : 0;
    h.location_id = p.locations.at(k).id;
  }
  set_provider_verification(tx, p.user_id, "verified");
  replace_weekly_hours(d, tx, p.user_id, hours);
}

}  // namespace

bool seed_demo_doctor(Deps& d, const std::string& user_id) {
  if (user_id.empty() || load_profile(d.ctx.db, user_id)) return false;
  auto rs = d.ctx.db.query(db::ReadFrom::primary, "SELECT name FROM users WHERE id = $1", {user_id});
  if (rs.empty()) return false;
  const int year = this_year();
  boost::json::object body = boost::json::parse(R"J({"gender":"male",
    "bio":"Consultant dermatologist with a special interest in acne, eczema and hair loss. I explain every treatment plan in plain words and follow up until the skin settles.",
    "specialties":["dermatology","allergy-immunology"],
    "qualifications":[{"degree":"MBBS","institution":"B. J. Government Medical College, Pune"},
                      {"degree":"MD (Dermatology, Venereology & Leprosy)","institution":"Seth GS Medical College and KEM Hospital, Mumbai"}],
    "registration":{"number":"MMC/2011/03472","council":"Maharashtra Medical Council"},
    "languages":["en","hi","mr"],
    "conditions":["acne","eczema","psoriasis","hair loss","fungal infections","vitiligo","urticaria","pigmentation","skin allergy"],
    "consultation_types":{"video":{"fee":{"amount":50000,"currency":"INR"}},"clinic":{"fee":{"amount":80000,"currency":"INR"}}},
    "locations":[{"name":"Mehta Skin & Hair Clinic","address":{"line1":"Office 3, Sai Business Hub, Baner Road","line2":"Baner","city":"Pune","region":"MH","postal_code":"411045","country":"IN"},"lat":18.5596,"lng":73.7799},
                 {"name":"Kothrud Skin Centre","address":{"line1":"14, Karve Road","line2":"Kothrud","city":"Pune","region":"MH","postal_code":"411038","country":"IN"},"lat":18.5074,"lng":73.8077}],
    "time_zone":"Asia/Kolkata","slot_minutes":15,"follow_up_days":7})J")
                                 .as_object();
  body["experience_years"] = year - 2012;
  auto& quals = body["qualifications"].as_array();
  quals[0].as_object()["year"] = year - 18;
  quals[1].as_object()["year"] = year - 14;
  Profile p = checked_profile(d, user_id, rs.one().str(0), body);
  std::vector<WeeklyRange> hours;
  for (int day = 1; day <= 6; day++) {
    hours.push_back({day, 9 * 60, 12 * 60, "video", ""});
    if (day <= 5)
      hours.push_back({day, 17 * 60, 20 * 60, "clinic", "#0"});
    else
      hours.push_back({day, 12 * 60 + 30, 15 * 60, "clinic", "#1"});
  }
  d.ctx.db.transaction([&](db::Session& tx) { store_verified(d, tx, p, hours, 0, 0, db::now_ms()); });
  search_changed(d.ctx.db);
  return true;
}

DoctorSeedProgress seed_generated_doctors(Deps& d, const std::string& prefix, int count, bool with_password,
                                          const std::function<void(const DoctorSeedProgress&)>& progress, int batch) {
  const auto started = std::chrono::steady_clock::now();
  DoctorSeedProgress p;
  p.total = std::max(0, count);
  if (p.total == 0) return p;
  const std::string domain = "@kiorex.test";
  std::unordered_set<std::string> existing;
  for (const auto& row :
       d.ctx.db.query(db::ReadFrom::primary, "SELECT email FROM users WHERE email LIKE $1", {prefix + "%" + domain})
           .rows)
    existing.insert(row.str(0));
  // One Argon2id hash shared by every bench account (see users/bulk_seed.cpp): fine for throwaway load data only.
  const std::string hash = with_password ? d.ctx.passwords.hash(kBenchDoctorPassword) : "";
  const uint64_t salt = prefix == "demo.doctor." ? 1 : 2;
  auth::UserStore accounts(d.ctx.db);
  for (int first = 1; first <= p.total; first += std::max(1, batch)) {
    const int last = std::min(p.total, first + std::max(1, batch) - 1);
    int created = 0, skipped = 0;
    d.ctx.db.transaction([&](db::Session& tx) {  // may rerun on a transient error: counts start over
      created = skipped = 0;
      const int64_t now = db::now_ms();
      for (int i = first; i <= last; i++) {
        const std::string email = prefix + std::to_string(i) + domain;
        if (existing.contains(email)) {
          skipped++;
          continue;
        }
        Generated g = generate(i, salt);
        auth::User u;
        u.id = util::new_id("usr");
        u.email = email;
        u.name = g.name;
        u.role = "doctor";
        u.status = "active";
        u.password_hash = hash;
        u.email_verified = true;
        u.provider_verification = "verified";
        u.created_at = now;
        accounts.insert(tx, u);
        Profile profile = checked_profile(d, u.id, g.name, g.body);
        store_verified(d, tx, profile, g.hours, g.rating_count, g.rating_sum, now);
        created++;
      }
    });
    p.done = last;
    p.created += created;
    p.skipped += skipped;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) progress(p);
  }
  search_changed(d.ctx.db);
  return p;
}

}  // namespace kiorex::consultations
