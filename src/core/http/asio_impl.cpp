// Asio and Beast compiled once for the whole program (BOOST_*_SEPARATE_COMPILATION is set globally).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
